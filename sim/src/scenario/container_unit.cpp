#include "ctrlab/sim/container_unit.hpp"

#include <algorithm>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

namespace ctrlab::sim {
namespace {

// Where the module's preStop finds the PID it signals: a file it `cat`s. The 2014 module reads
// a cgroup-v1 tasks file (/sys/fs/cgroup/systemd/...), which a host on the unified hierarchy
// (systemd 252's default, the sandbox host's) does not have; 2018's reads the leader PID its
// postStart saved.
bool pid_file_exists(const std::string& path) { return !path.starts_with("/sys/fs/cgroup/systemd/"); }

// What the unit's ExecStop= (the module's preStop, as the oracle renders it) sends the
// container's PID 1: the signal of its `kill -SIGNAL $pid`, if the PID was there to read
// (`kill -0` only asks whether the process still runs).
std::optional<Signal> signal_sent_by(const std::vector<oracle::Argv>& pre_stop) {
  bool pid_read = false;
  for (const auto& command : pre_stop) {
    if (command.size() == 2 && command[0] == "cat") pid_read = pid_file_exists(command[1]);
    const bool kills = command.size() == 3 && command[0] == "kill" && command[1].starts_with("-") && command[1] != "-0";
    if (kills && pid_read) return oracle::parse_signal(std::string_view(command[1]).substr(1));
  }
  return std::nullopt;
}

std::optional<int> first_failure(const oracle::ContainerEffects& effects, oracle::OperationStage stage) {
  for (const auto& operation : effects.operations) {
    if (operation.record.stage == stage && !operation.record.outcome.ok() && !operation.failure_ignored) {
      return operation.record.outcome.exit_status;
    }
  }
  return std::nullopt;
}


// The start script's commands before its final `exec` of nspawn (which is ExecStart=).
bool start_script_runs_commands(const std::optional<std::vector<oracle::Argv>>& start, const oracle::Argv& nspawn) {
  return start && !start->empty() && start->front() != nspawn;
}

// The status a script exits with where bash cannot read it, if it is one of those.
std::optional<int> unreadable_script_exit(const oracle::ContainerPrediction& container, oracle::UnitScript script) {
  if (oracle::syntax_error_in(container, script) == nullptr) return std::nullopt;
  return oracle::bash_syntax_error_status;
}

}  // namespace

StartFailures start_failures_from(const oracle::ContainerEffects& effects, const oracle::ContainerPrediction& container) {
  using oracle::UnitScript;
  StartFailures failures;
  // In the order systemd meets them: the first ends the start.
  failures.start_pre_exit = unreadable_script_exit(container, UnitScript::pre_start);
  if (failures.start_pre_exit) return failures;
  failures.start_script_exit = unreadable_script_exit(container, UnitScript::start);
  if (failures.start_script_exit) return failures;
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
  if (!failures.init_exit) failures.init_exit = unreadable_script_exit(container, UnitScript::container_init);
  if (failures.init_exit) return failures;
  failures.start_post_exit = first_failure(effects, oracle::OperationStage::post_start);
  if (!failures.start_post_exit) failures.start_post_exit = unreadable_script_exit(container, UnitScript::post_start);
  return failures;
}

ContainerUnit container_unit_from(const oracle::ContainerPrediction& container,
                                  const oracle::ContainerEffects* effects) {
  return container_unit_from(container, oracle::read_nspawn_arguments(container.nspawnArgv), effects);
}

ContainerUnit container_unit_from(const oracle::ContainerPrediction& container, const oracle::NspawnArguments& arguments,
                                  const oracle::ContainerEffects* effects) {
  ContainerUnit unit;
  unit.unit_name = container.unitName + ".service";
  unit.service = service_properties_from(container.unit);
  // NixOS renders each of the module's scripts as an Exec line, commands or not (a postStart
  // that runs nothing is still an ExecStartPost=, and systemd passes through start-post); the
  // start script's commands before its `exec` run before nspawn.
  unit.service.commands.start_pre |= container.hostOps.preStart.has_value() ||
                                     start_script_runs_commands(container.hostOps.start, container.nspawnArgv);
  unit.service.commands.start_post |= container.hostOps.postStart.has_value();
  unit.post_start_runs_commands = container.hostOps.postStart && !container.hostOps.postStart->empty();
  if (container.hostOps.preStop) {
    unit.service.commands.stop = true;
    unit.exec_stop_signal = signal_sent_by(*container.hostOps.preStop);
  }
  unit.nspawn = nspawn_options_from(arguments);
  if (effects != nullptr) unit.failures = start_failures_from(*effects, container);
  return unit;
}

ContainerUnit reference_container_unit(oracle::Revision revision) {
  // A plain container that starts at boot: the 2014 module's needs its root, the later ones
  // take `autoStart` (and render the module's default timeoutStartSec).
  const std::string spec = revision == oracle::Revision::r2014
                               ? R"({"root": "/var/lib/containers/autostart",
                                     "path": "/nix/var/nix/profiles/per-container/autostart"})"
                               : R"({"autoStart": true, "path": "/nix/var/nix/profiles/per-container/autostart"})";
  const auto scenario = oracle::parse_scenario_file(R"({"containers": {"autostart": )" + spec + "}}");
  const oracle::ContainerPrediction container = oracle::predict(scenario, revision).containers.at("autostart");
  return container_unit_from(container);
}

}  // namespace ctrlab::sim
