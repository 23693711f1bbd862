#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/payload.hpp"
#include "ctrlab/runner/probe_protocol.hpp"

// Installing a scenario in the sandbox as NixOS would — env files, unit files in
// /run/systemd/system, the /nix paths the argv binds, the probe as every init — written
// down as data first (plan_installation is pure), then applied by install() and undone by
// uninstall(). Every way the sandbox must differ from a NixOS host is a SandboxAdaptation.
namespace ctrlab::runner {

class Sandbox;

struct FileToWrite {
  std::filesystem::path path;  // inside the sandbox
  std::string text;
  mode_t mode = 0644;
  bool restore_afterwards = false;  // a file of the sandbox's own, given back as it was
};

struct SymlinkToMake {
  std::filesystem::path path;
  std::filesystem::path target;
};

// One container's unit, as the runner starts and observes it.
struct InstalledUnit {
  std::string container;
  std::string unit;                         // container@web.service
  std::vector<std::string> start_targets;   // wantedBy: started through these, as boot does
  std::filesystem::path probe_state_dir;    // inside the sandbox
  oracle::ProbeScript script;
};

struct Installation {
  std::vector<std::filesystem::path> directories;
  // Of those, the ones every user may write to: a container's uids are nspawn's choice when it
  // runs with private users, so its init can write there whatever its uid on the sandbox.
  std::vector<std::filesystem::path> open_directories;
  std::vector<FileToWrite> files;
  std::vector<SymlinkToMake> symlinks;
  std::vector<std::filesystem::path> probe_copies;  // hard links of the probe
  std::vector<oracle::HostInterface> host_interfaces;  // created in the sandbox's namespace
  // Network namespaces the argvs join (--network-namespace-path): made empty in the sandbox, as
  // `ip netns add` makes them on a host, and removed afterwards.
  std::vector<std::filesystem::path> network_namespaces;
  std::vector<InstalledUnit> units;
  std::vector<oracle::SandboxAdaptation> adaptations;
  // Trees removed after the run besides the directories install() creates: what the module's
  // own scripts make, and the unit files.
  std::vector<std::filesystem::path> removed_afterwards;
  // Where the sandbox's /usr is bound (with what is mounted below it), read-only, before the
  // start: the containers' roots under the systemd payload.
  std::vector<std::filesystem::path> usr_binds;
};

struct InstallationInputs {
  const oracle::Prediction* prediction = nullptr;
  std::map<std::string, oracle::ProbeScript> probes;  // by container; a missing one stays up
  std::vector<oracle::HostInterface> host_interfaces;  // the scenario's host network
  std::optional<std::string> machine_id;  // the scenario's host machine-id, if it gives one
  std::filesystem::path probe_inside;    // where the sandbox has the probe binary
  std::filesystem::path commands_tool_inside;  // where the sandbox has ctrlab-commands
  std::map<std::string, std::vector<probe::Listener>> listeners;  // by container: what its probe serves
  Payload payload = Payload::probe;  // what every container boots once the module's steps are done
};

[[nodiscard]] Installation plan_installation(const InstallationInputs& inputs);

// The host's devices that are not bridges (physical NICs, dummies) stand in as veths whose far
// ends live in namespaces of their own (this kernel has no dummy driver loaded, and the runner
// loads no modules); those namespaces last as long as this object.
struct StandInNamespaces {
  std::vector<NetworkNamespace> spaces;
  // The near ends' names: links of the sandbox that lead into another namespace by design.
  std::set<std::string> near_ends;
};

// What install() made, for uninstall() to remove: never more than that, so that a spec that
// names "/" (a bind source, a root) cannot make the runner remove what was there before.
struct InstalledState {
  StandInNamespaces stand_ins;
  std::vector<std::filesystem::path> created_directories;  // outermost first
  std::vector<FileToWrite> replaced_files;  // the sandbox's own files as they were, to give back
  std::vector<std::filesystem::path> bound_usr;  // Installation::usr_binds made so far
};

// Writes the plan into the sandbox (through Sandbox::files()) and creates the host interfaces
// through netlink; the caller then reloads systemd if targets gained dependencies.
[[nodiscard]] InstalledState install(const Sandbox& sandbox, const Installation& installation);
// Removes what install() made. The units must be stopped first.
void uninstall(const Sandbox& sandbox, const Installation& installation, InstalledState& installed);

}  // namespace ctrlab::runner
