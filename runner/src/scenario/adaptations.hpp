#pragma once

#include <string>
#include <vector>

#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/observation.hpp"

// The ways a unit run in the sandbox differs from the same unit on a NixOS host, one function
// each, so every report shows the same words for the same adaptation. None of them hides a
// difference the judge would otherwise report, unless it says which one (`explains`).
namespace ctrlab::runner::adaptations {

using oracle::SandboxAdaptation;

[[nodiscard]] std::string subject_of(const std::string& container);  // "container NAME"

[[nodiscard]] SandboxAdaptation nspawn_from_this_machine(const std::string& container, const std::string& store_path);
[[nodiscard]] SandboxAdaptation probe_as_container_init(const std::string& container, const std::string& store_path);
[[nodiscard]] SandboxAdaptation probe_as_stage_2(const std::string& container, const std::string& init_path);
[[nodiscard]] SandboxAdaptation probe_state_dir(const std::string& container, const std::string& directory);
[[nodiscard]] SandboxAdaptation root_gets_usr(const std::string& container, const std::string& root);
[[nodiscard]] SandboxAdaptation systemd_payload(const std::string& container, const std::string& root);
[[nodiscard]] SandboxAdaptation scripts_as_command_lists(const std::string& container, const std::string& tool);
[[nodiscard]] SandboxAdaptation bind_source_created(const std::string& container, const std::string& path);
[[nodiscard]] SandboxAdaptation unit_path_not_in_environment(const std::string& container);
[[nodiscard]] SandboxAdaptation template_without_exec_lines();
[[nodiscard]] SandboxAdaptation resolv_conf_written();
[[nodiscard]] SandboxAdaptation machine_id_of_the_host(const std::string& machine_id);
[[nodiscard]] SandboxAdaptation network_namespace_made(const std::string& container, const std::string& path);
[[nodiscard]] SandboxAdaptation nixos_container_update_stand_in(const std::string& container);
[[nodiscard]] SandboxAdaptation unit_masked(const std::string& unit);
// The stop of a unit whose KillSignal nspawn ignores ends with the runner's SIGKILL at once.
[[nodiscard]] SandboxAdaptation stop_wait_shortened(const std::string& container, const std::string& wait);
[[nodiscard]] SandboxAdaptation only_generators(const std::vector<std::string>& generators);
[[nodiscard]] SandboxAdaptation presets(const std::string& presets);
[[nodiscard]] SandboxAdaptation host_interface_created(const oracle::HostInterface& interface);
// `served`: what the probe listens on, e.g. "tcp 7, tcp 80, udp 53".
[[nodiscard]] SandboxAdaptation probe_listens(const std::string& container, const std::string& served);
// `container` empty: the sandbox's own namespace.
[[nodiscard]] SandboxAdaptation no_duplicate_address_detection(const std::string& container);

}  // namespace ctrlab::runner::adaptations
