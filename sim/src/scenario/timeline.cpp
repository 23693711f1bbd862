#include "ctrlab/sim/timeline.hpp"

#include <deque>
#include <optional>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/unit_outcome.hpp"

#include "ctrlab/sim/container.hpp"
#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {
namespace {

// Writes down what a D-Bus observer of the unit would see.
class HistoryRecorder final : public UnitObserver {
 public:
  HistoryRecorder(Engine& engine, oracle::UnitHistory& history) : engine_(engine), history_(history) {}

  void on_state_change(const ServiceUnit&, ServiceState, ServiceState to) override {
    history_.changes.push_back(oracle::UnitStateChange{to_usec(engine_.now()), std::string(to_string(active_state_of(to))),
                                                       std::string(to_string(to))});
  }
  void on_start_timeout(const ServiceUnit&) override {}
  void on_published(const ServiceUnit& unit) override {
    if (unit.main_ended_during_start_post()) history_.exits_may_race = true;
  }

 private:
  Engine& engine_;
  oracle::UnitHistory& history_;
};

// Plays the scenario's systemctl commands.
class ActionPlayer final : public EventHandler {
 public:
  ActionPlayer(ServiceUnit& unit, Container& container, std::vector<ManualAction> actions)
      : unit_(unit), container_(container), actions_(std::move(actions)) {}

  void schedule(Engine& engine) {
    for (std::uint32_t index = 0; index < actions_.size(); ++index) {
      engine.schedule_at(SimTime(actions_[index].at), *this, EventTag{index, 0});
    }
  }
  void on_event(EventTag tag) override {
    const ManualAction& action = actions_[tag.kind];
    switch (action.kind) {
      case ManualAction::Kind::start:
        unit_.request_start();
        break;
      case ManualAction::Kind::stop:
        unit_.request_stop();
        break;
      case ManualAction::Kind::kill:
        container_.signal_main(action.signal);  // systemctl kill signals without a job
        break;
    }
  }

 private:
  ServiceUnit& unit_;
  Container& container_;
  std::vector<ManualAction> actions_;
};

// One unit with its container, its observer and its script, on a shared host.
struct UnitRig {
  ContainerUnit unit;
  oracle::ProbeScript probe;
  ContainerSpec spec;
  oracle::UnitHistory history;
  ServiceUnit service;
  Container container;
  HistoryRecorder recorder;
  ActionPlayer player;

  UnitRig(Host& host, Manager& manager, ContainerUnit unit_under_test, oracle::ProbeScript script,
          std::vector<ManualAction> actions, std::uint32_t id)
      : unit(std::move(unit_under_test)),
        probe(std::move(script)),
        spec{unit.nspawn, &probe, unit.exec_stop_signal, {signals::rtmin_plus_3}, unit.failures, unit.post_start_runs_commands},
        service(host.engine, manager, unit.service, id),
        container(host, spec, service),
        recorder(host.engine, history),
        player(service, container, std::move(actions)) {
    history.unit = unit.unit_name;
    history.changes.push_back(oracle::UnitStateChange{0, "inactive", "dead"});
    service.observe(recorder);
    player.schedule(host.engine);
  }
  UnitRig(const UnitRig&) = delete;
  UnitRig& operator=(const UnitRig&) = delete;

  void record_final_properties() {
    history.result = std::string(to_string(service.result()));
    history.n_restarts = service.n_restarts();
    if (const auto exit = service.main_exit()) {
      history.exec_main_code = std::string(to_string(exit->code));
      history.exec_main_status = exit->status;
    }
    if (const auto at = service.active_enter()) history.active_enter = to_usec(*at);
    if (const auto at = service.inactive_exit()) history.inactive_exit = to_usec(*at);
  }
};

// A host with its engine, CPU and systemd, for a set of units.
struct SimulatedHost {
  Engine engine;
  ProcessorSharing cpu;
  Host host;
  Manager manager;
  std::deque<UnitRig> rigs;

  SimulatedHost(const Calibration& calibration, unsigned cores, std::uint64_t seed)
      : engine(seed != 0 ? seed : calibration.seed),
        cpu(cores != 0 ? cores : calibration.cores),
        host{engine, cpu, calibration},
        manager(host) {
    engine.attach(cpu);
  }

  void run(Duration observe_for) {
    engine.run_until(SimTime(observe_for));
    for (auto& rig : rigs) rig.record_final_properties();
  }
};

// Whether the runner SIGKILLs the unit as soon as its stop began: nspawn does not exit by itself.
bool stop_is_shortened(const oracle::ContainerPrediction& container) {
  return !oracle::nspawn_exits_by_itself_at_stop(container.unit);
}

// The start at 0; with `stop_at`, the runner's stop then (and its SIGKILL where it shortens one).
std::vector<ManualAction> actions_for(const oracle::ContainerPrediction& container, std::optional<Duration> stop_at) {
  std::vector<ManualAction> actions{ManualAction{}};
  if (!stop_at) return actions;
  actions.push_back({*stop_at, ManualAction::Kind::stop, signals::terminate});
  if (stop_is_shortened(container)) {
    actions.push_back({*stop_at + std::chrono::milliseconds(1), ManualAction::Kind::kill, signals::kill});
  }
  return actions;
}

// Each container's unit by name, read once: the simulations with and without the stop and the
// stop outcomes share it. `effects` may be null.
using ContainerUnits = std::map<std::string, ContainerUnit, std::less<>>;

ContainerUnits container_units(const oracle::Prediction& prediction, const oracle::NspawnArgumentsByContainer& arguments,
                               const oracle::NetworkEffects* effects) {
  ContainerUnits units;
  for (const auto& [name, container] : prediction.containers) {
    const oracle::ContainerEffects* container_effects = nullptr;
    if (effects != nullptr) {
      const auto found = effects->containers.find(name);
      if (found != effects->containers.end()) container_effects = &found->second;
    }
    units.emplace_hint(units.end(), name, container_unit_from(container, arguments.at(name), container_effects));
  }
  return units;
}

// Every container of the prediction on one simulated host.
std::map<std::string, oracle::UnitHistory> simulate_units(
    const oracle::Prediction& prediction, const ContainerUnits& units,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options,
    std::optional<Duration> stop_at = std::nullopt) {
  SimulatedHost simulated(options.calibration, options.cores, options.seed);
  std::vector<std::string> names;
  std::uint32_t id = 0;
  for (const auto& [name, container] : prediction.containers) {
    const auto probe = probes.find(oracle::ContainerName{name});
    simulated.rigs.emplace_back(simulated.host, simulated.manager, units.at(name),
                                probe != probes.end() ? probe->second : oracle::ProbeScript{}, actions_for(container, stop_at),
                                id++);
    names.push_back(name);
  }
  simulated.run(stop_at ? *stop_at + options.observe_for : options.observe_for);
  std::map<std::string, oracle::UnitHistory> histories;
  for (std::size_t index = 0; index < names.size(); ++index) {
    histories.emplace_hint(histories.end(), names[index], std::move(simulated.rigs[index].history));
  }
  return histories;
}

std::map<std::string, oracle::StopOutcome> stop_outcomes(
    const oracle::Prediction& prediction, const ContainerUnits& units,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options) {
  // The runner stops once every unit settled: after the observation window, every history has.
  const auto histories = simulate_units(prediction, units, probes, options, options.observe_for);
  std::map<std::string, oracle::StopOutcome> outcomes;
  for (const auto& [name, history] : histories) {
    oracle::StopOutcome outcome = oracle::stop_outcome_of(history);
    if (stop_is_shortened(prediction.containers.at(name))) {
      const auto timeout_stop = units.at(name).service.timeout_stop;
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout_stop).count();
      outcome.shortened_wait = "TimeoutStopSec=" + std::to_string(seconds) + "s";
    }
    outcomes.emplace_hint(outcomes.end(), name, std::move(outcome));
  }
  return outcomes;
}

}  // namespace

UnitTimeline predict_timeline(const TimelineRequest& request) {
  SimulatedHost simulated(request.calibration, request.cores, request.seed);
  UnitRig& rig = simulated.rigs.emplace_back(simulated.host, simulated.manager, request.unit, request.probe,
                                             request.actions, 0);
  simulated.run(request.observe_for);
  UnitTimeline timeline;
  timeline.history = rig.history;
  timeline.boots = rig.container.boots();
  timeline.events = simulated.engine.dispatched();
  return timeline;
}

std::map<std::string, oracle::UnitHistory> predict_unit_histories(
    const oracle::Prediction& prediction, const std::map<oracle::ContainerName, oracle::ProbeScript>& probes,
    const ScenarioTimelineOptions& options) {
  const auto units = container_units(prediction, oracle::read_nspawn_arguments(prediction), nullptr);
  return simulate_units(prediction, units, probes, options);
}

std::map<std::string, oracle::UnitHistory> predict_unit_histories(
    const oracle::Prediction& prediction, const oracle::NetworkEffects& effects,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options) {
  const auto units = container_units(prediction, oracle::read_nspawn_arguments(prediction), &effects);
  return simulate_units(prediction, units, probes, options);
}

std::map<std::string, oracle::StopOutcome> predict_stop_outcomes(
    const oracle::Prediction& prediction, const oracle::NetworkEffects& effects,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options) {
  const auto units = container_units(prediction, oracle::read_nspawn_arguments(prediction), &effects);
  return stop_outcomes(prediction, units, probes, options);
}

UnitOutcomes predict_unit_outcomes(const oracle::Expectation& expected, const ScenarioTimelineOptions& options) {
  const auto units = container_units(expected.rendering, expected.nspawn_arguments, &expected.effects);
  return {simulate_units(expected.rendering, units, expected.behaviours, options),
          stop_outcomes(expected.rendering, units, expected.behaviours, options)};
}

}  // namespace ctrlab::sim
