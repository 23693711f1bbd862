#pragma once

#include <string>
#include <vector>

// What runs of ctrlab leave on the machine if they are killed, found by name
// (ctrlab-sandbox-*) and by owner markers, and removed by the next run.
namespace ctrlab::runner {

struct Leftover {
  std::string kind;  // cgroup, process, propagate-dir, work-dir, marker, interface
  std::string what;  // a path, a pid and command line, an interface name
};

// Everything of ctrlab's on this machine now, whether or not its owner still runs:
// sandbox cgroups, systemd-nspawn processes of sandboxes, nspawn propagation and work
// directories, owner markers, and ve-/vb-/vz-/mv-/ctrlab* interfaces in the host namespace.
[[nodiscard]] std::vector<Leftover> find_ctrlab_artifacts();

// The same, limited to one sandbox machine name (a test's own sandbox).
[[nodiscard]] std::vector<Leftover> find_sandbox_artifacts(const std::string& machine_name);

// Removes every sandbox whose owning process is gone: kills its processes, removes its
// cgroups and directories. Returns what it removed.
std::vector<Leftover> reap_leftovers();

}  // namespace ctrlab::runner
