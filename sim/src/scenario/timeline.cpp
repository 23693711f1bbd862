#include "ctrlab/sim/timeline.hpp"

#include "ctrlab/sim/container.hpp"
#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {
namespace {

// Writes down what a D-Bus observer of the unit would see.
class HistoryRecorder final : public UnitObserver {
 public:
  HistoryRecorder(Engine& engine, oracle::UnitHistory& history) : engine_(engine), history_(history) {}

  void on_state_change(const ServiceUnit&, ServiceState, ServiceState) override {}
  void on_start_timeout(const ServiceUnit&) override {}
  void on_published(const ServiceUnit& unit) override {
    const std::string active(to_string(unit.active_state()));
    const std::string sub(to_string(unit.state()));
    if (!history_.changes.empty() && history_.changes.back().active_state == active &&
        history_.changes.back().sub_state == sub) {
      return;  // only NRestarts changed
    }
    history_.changes.push_back(oracle::UnitStateChange{to_usec(engine_.now()), active, sub});
  }

 private:
  Engine& engine_;
  oracle::UnitHistory& history_;
};

// Plays the scenario's systemctl commands.
class ActionPlayer final : public EventHandler {
 public:
  ActionPlayer(ServiceUnit& unit, Container& container, const std::vector<ManualAction>& actions)
      : unit_(unit), container_(container), actions_(actions) {}

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
  const std::vector<ManualAction>& actions_;
};

void record_final_properties(const ServiceUnit& unit, oracle::UnitHistory& history) {
  history.result = std::string(to_string(unit.result()));
  history.n_restarts = unit.n_restarts();
  if (const auto exit = unit.main_exit()) {
    history.exec_main_code = std::string(to_string(exit->code));
    history.exec_main_status = exit->status;
  }
  if (const auto at = unit.active_enter()) history.active_enter = to_usec(*at);
  if (const auto at = unit.inactive_exit()) history.inactive_exit = to_usec(*at);
}

}  // namespace

UnitTimeline predict_timeline(const TimelineRequest& request) {
  const unsigned cores = request.cores != 0 ? request.cores : request.calibration.cores;
  const std::uint64_t seed = request.seed != 0 ? request.seed : request.calibration.seed;
  Engine engine(seed);
  ProcessorSharing cpu(cores);
  engine.attach(cpu);
  Host host{engine, cpu, request.calibration};
  Manager manager(host);

  ContainerSpec spec;
  spec.nspawn = request.unit.nspawn;
  spec.probe = &request.probe;
  spec.exec_stop_signal = request.unit.exec_stop_signal;

  UnitTimeline timeline;
  timeline.history.unit = request.unit.unit_name;
  timeline.history.changes.push_back(oracle::UnitStateChange{0, "inactive", "dead"});

  ServiceUnit unit(engine, manager, request.unit.service, 0);
  Container container(host, spec, unit);
  HistoryRecorder recorder(engine, timeline.history);
  unit.observe(recorder);
  ActionPlayer player(unit, container, request.actions);
  player.schedule(engine);

  engine.run_until(SimTime(request.observe_for));
  record_final_properties(unit, timeline.history);
  timeline.boots = container.boots();
  timeline.events = engine.dispatched();
  return timeline;
}

ExactOutcome exact_outcome(const oracle::UnitHistory& history) {
  ExactOutcome outcome;
  outcome.result = history.result;
  outcome.n_restarts = history.n_restarts;
  outcome.exec_main_code = history.exec_main_code;
  outcome.exec_main_status = history.exec_main_status;
  for (const auto& change : history.changes) {
    if (outcome.active_states.empty() || outcome.active_states.back() != change.active_state) {
      outcome.active_states.push_back(change.active_state);
    }
  }
  return outcome;
}

}  // namespace ctrlab::sim
