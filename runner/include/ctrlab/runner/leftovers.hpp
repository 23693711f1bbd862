#pragma once

#include <string>
#include <vector>

// What runs of ctrlab leave on the machine if they are killed, found by name
// (ctrlab-sandbox-*) and by the runs' claims (/run/ctrlab), and removed by the next run.
namespace ctrlab::runner {

struct Leftover {
  std::string kind;  // cgroup, process, work-dir, claim, nspawn-state, interface
  std::string what;  // a path, a pid and command line, an interface name
};

// Everything of ctrlab's on this machine now, whether or not its owner still runs:
// sandbox cgroups, systemd-nspawn processes of sandboxes, work directories, claims, nspawn
// state under the host's /run, and ve-/vb-/vz-/mv-/ctrlab* interfaces in the host namespace.
[[nodiscard]] std::vector<Leftover> find_ctrlab_artifacts();

// The same, limited to one sandbox machine name (a test's own sandbox).
[[nodiscard]] std::vector<Leftover> find_sandbox_artifacts(const std::string& machine_name);

// Removes every sandbox whose owner is gone (nobody holds its claim): kills its processes,
// removes its cgroups, work directory and claim. Returns what it removed.
std::vector<Leftover> reap_leftovers();

}  // namespace ctrlab::runner
