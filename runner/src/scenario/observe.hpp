#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/probe_protocol.hpp"
#include "sandbox/sandbox_processes.hpp"

// Reading what a run did, from the sandbox: unit properties, the probe's reports, the
// network commands' outcomes, and the network namespaces.
namespace ctrlab::runner {
class Sandbox;
}

namespace ctrlab::runner::observe {

// `systemctl show` of each unit, run inside the sandbox: systemd's names and values.
[[nodiscard]] std::map<std::string, std::map<std::string, std::string>> unit_properties(
    const Sandbox& sandbox, const std::vector<std::string>& units);

// The unit's recent journal lines, as systemctl status would show them.
[[nodiscard]] std::string unit_log(const Sandbox& sandbox, const std::string& unit);

// The probe's report for every boot so far, in boot order.
[[nodiscard]] std::vector<probe::BootReport> probe_reports(const Sandbox& sandbox,
                                                           const std::filesystem::path& state_dir_inside);

// The report of the probe's latest boot, if any (a boot's report is written as it goes).
[[nodiscard]] std::optional<probe::BootReport> latest_probe_report(const Sandbox& sandbox,
                                                                   const std::filesystem::path& state_dir_inside);

// The network commands of the unit's first start: preStart's and postStart's (ctrlab-commands' log), the
// container init's (the first boot's report), ExecStartPost's.
[[nodiscard]] std::vector<oracle::OperationRecord> operations(const Sandbox& sandbox, const InstalledUnit& unit,
                                                              const std::vector<probe::BootReport>& reports);

[[nodiscard]] oracle::NamespaceState sandbox_network(const Sandbox& sandbox);
// The sandbox's namespace once every container's namespace is gone (after the units stopped):
// no link leads into another namespace but `stand_ins`, whose far ends are meant to.
[[nodiscard]] oracle::NamespaceState sandbox_network_once_containers_are_gone(const Sandbox& sandbox,
                                                                              const std::set<std::string>& stand_ins);
// The host PID of the init of the container that systemd-nspawn (a pid of the sandbox) runs,
// when the container has a network namespace of its own; nullopt when it shares the
// sandbox's or is gone.
[[nodiscard]] std::optional<pid_t> container_init(const Sandbox& sandbox, const sandbox_processes::HostPids& pids,
                                                  std::uint32_t nspawn_pid_in_sandbox);
// The network namespace of a container (`init`: its init's host pid) when it has its own;
// nullopt when it shares the sandbox's or is gone.
[[nodiscard]] std::optional<oracle::NamespaceState> container_network(const Sandbox& sandbox, pid_t init);

}  // namespace ctrlab::runner::observe
