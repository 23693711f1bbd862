#include "ctrlab/sim/container_unit.hpp"

#include <algorithm>
#include <array>

namespace ctrlab::sim {
namespace {

// What each revision's preStop (ExecStop=) does to the container's PID 1.
struct StopScript {
  oracle::Revision revision;
  bool has_exec_stop;
  std::optional<Signal> signals_init;
};

constexpr std::array<StopScript, 4> stop_scripts = {{
    // 2014: signals the PID read from a cgroup-v1 tasks file, which a unified-hierarchy host
    // (systemd 252 here) does not have: the script runs and signals nothing.
    {oracle::Revision::r2014, true, std::nullopt},
    // 2018: kill -RTMIN+4 (poweroff) to the leader PID postStart saved.
    {oracle::Revision::r2018, true, signals::rtmin_plus_4},
    // 2021 and later: no preStop; nspawn's --kill-signal does the work.
    {oracle::Revision::r2021, false, std::nullopt},
    {oracle::Revision::r2022, false, std::nullopt},
}};

const StopScript& stop_script_of(oracle::Revision revision) {
  for (const auto& script : stop_scripts) {
    if (script.revision == revision) return script;
  }
  return stop_scripts.back();
}

std::optional<int> first_failure(const oracle::ContainerEffects& effects, oracle::OperationStage stage) {
  for (const auto& operation : effects.operations) {
    if (operation.record.stage == stage && !operation.record.outcome.ok() && !operation.failure_ignored) {
      return operation.record.outcome.exit_status;
    }
  }
  return std::nullopt;
}

bool has_commands(const std::optional<std::vector<oracle::Argv>>& script) { return script && !script->empty(); }

// The start script's commands before its final `exec` of nspawn (which is ExecStart=).
bool start_script_runs_commands(const std::optional<std::vector<oracle::Argv>>& start, const oracle::Argv& nspawn) {
  return start && !start->empty() && start->front() != nspawn;
}

}  // namespace

StartFailures start_failures_from(const oracle::ContainerEffects& effects,
                                  const oracle::ContainerPrediction& /*container*/) {
  StartFailures failures;
  const bool fatal_step_failed = std::any_of(effects.nspawn_steps.begin(), effects.nspawn_steps.end(),
                                             [](const auto& step) { return step.fatal && !step.outcome.ok(); });
  if (effects.refusal || fatal_step_failed) {
    failures.nspawn_exit = nspawn_failure_status;
    return failures;
  }
  if (effects.command == oracle::ContainerCommand::other_program) {
    failures.command_fails_to_exec = true;
    return failures;
  }
  failures.init_exit = first_failure(effects, oracle::OperationStage::container_init);
  if (failures.init_exit) return failures;
  failures.start_post_exit = first_failure(effects, oracle::OperationStage::post_start);
  return failures;
}

ContainerUnit container_unit_from(const oracle::ContainerPrediction& container, oracle::Revision revision,
                                  const oracle::ContainerEffects* effects) {
  ContainerUnit unit;
  unit.unit_name = container.unitName + ".service";
  unit.service = service_properties_from(container.unit);
  unit.service.commands.start_pre |= has_commands(container.hostOps.preStart) ||
                                     start_script_runs_commands(container.hostOps.start, container.nspawnArgv);
  unit.service.commands.start_post |= has_commands(container.hostOps.postStart);
  const StopScript& stop = stop_script_of(revision);
  unit.service.commands.stop |= stop.has_exec_stop;
  unit.exec_stop_signal = stop.signals_init;
  unit.nspawn = nspawn_options_from_argv(container.nspawnArgv);
  if (effects != nullptr) unit.failures = start_failures_from(*effects, container);
  return unit;
}

ContainerUnit reference_container_unit(oracle::Revision revision) {
  oracle::ContainerPrediction container;
  container.unitName = revision == oracle::Revision::r2014 ? "container-autostart" : "container@autostart";
  const std::string root = revision == oracle::Revision::r2022 ? "/var/lib/nixos-containers/autostart"
                                                                : "/var/lib/containers/autostart";
  if (revision == oracle::Revision::r2014) {
    container.nspawnArgv = {"systemd-nspawn", "-M", "autostart", "-D", root, "--bind-ro=/nix",
                            "/nix/var/nix/profiles/per-container/autostart/init"};
    container.hostOps.preStart = std::vector<oracle::Argv>{};
  } else {
    container.unit.serviceConfig = {
        {"Type", "notify"},
        {"Restart", "on-failure"},
        {"RestartForceExitStatus", "133"},
        {"SuccessExitStatus", "133"},
        {"KillMode", "mixed"},
        {"KillSignal", revision == oracle::Revision::r2018 ? "WINCH" : "TERM"},
        {"Slice", "machine.slice"},
        {"Delegate", true},
        {"DevicePolicy", "closed"},
    };
    container.nspawnArgv = {"systemd-nspawn", "--keep-unit", "-M", "autostart", "-D", root, "--notify-ready=yes"};
    if (revision != oracle::Revision::r2018) {
      container.unit.serviceConfig["TimeoutStartSec"] = "1min";
      container.nspawnArgv.emplace_back("--kill-signal=SIGRTMIN+3");
    }
    container.nspawnArgv.emplace_back("/nix/var/nix/profiles/per-container/autostart/init");
    container.hostOps.preStart = std::vector<oracle::Argv>{};
    container.hostOps.postStart = std::vector<oracle::Argv>{};
  }
  ContainerUnit unit = container_unit_from(container, revision);
  // A NixOS system runs the module's scripts, commands or not.
  unit.service.commands.start_pre = true;
  unit.service.commands.start_post = revision != oracle::Revision::r2014;
  return unit;
}

}  // namespace ctrlab::sim
