#include "ctrlab/sim/autostart.hpp"

#include <algorithm>
#include <memory>

#include "ctrlab/sim/container.hpp"
#include "ctrlab/sim/manager.hpp"
#include "stable_array.hpp"

namespace ctrlab::sim {
namespace {

struct Rig {
  ServiceUnit service;
  Container container;
  Rig(Host& host, Manager& manager, const ContainerUnit& unit, const ContainerSpec& spec, std::uint32_t id)
      : service(host.engine, manager, unit.service, id), container(host, spec, service) {}
};

// Notes for every unit when it is first ready and how often it timed out, and which units
// have settled (running, or down with nothing more to come) since last asked.
class OutcomeTracker final : public UnitObserver {
 public:
  OutcomeTracker(const Engine& engine, std::vector<ContainerOutcome>& outcomes)
      : engine_(engine), outcomes_(outcomes) {}

  void on_state_change(const ServiceUnit& unit, ServiceState, ServiceState to) override {
    if (to != ServiceState::running) return;
    ContainerOutcome& outcome = outcomes_[unit.id()];
    if (!outcome.ready()) outcome.first_ready = engine_.now();
  }
  void on_start_timeout(const ServiceUnit& unit) override { ++outcomes_[unit.id()].start_timeouts; }
  void on_published(const ServiceUnit& unit) override {
    const bool settled = unit.state() == ServiceState::running ||
                         ((unit.state() == ServiceState::dead || unit.state() == ServiceState::failed) &&
                          !unit.has_queued_job());
    if (settled) newly_settled_.push_back(unit.id());
  }

  [[nodiscard]] std::vector<std::uint32_t>& newly_settled() { return newly_settled_; }

 private:
  const Engine& engine_;
  std::vector<ContainerOutcome>& outcomes_;
  std::vector<std::uint32_t> newly_settled_;
};

// The containers' models. Memory follows the containers in flight, not the total: a unit is
// built when the manager dispatches its start job, and once it has settled and its container
// is quiescent, its memory is reused for the next one (Engine::fresh_generation() keeps the
// old one's stale events from reaching the new one).
class Fleet final : public UnitFactory {
 public:
  Fleet(Host& host, Manager& manager, const ContainerUnit& unit, const ContainerSpec& spec, OutcomeTracker& tracker,
        std::size_t containers)
      : host_(host), manager_(manager), unit_(unit), spec_(spec), tracker_(tracker), settled_(containers, false) {
    live_.reserve(containers);
  }

  ServiceUnit& build_next_unit() override {
    const auto id = next_id_++;
    Rig* rig = nullptr;
    if (!free_.empty()) {
      rig = free_.back();
      free_.pop_back();
      rig->~Rig();
      rig = ::new (static_cast<void*>(rig)) Rig(host_, manager_, unit_, spec_, id);
    } else {
      if (chunks_.empty() || chunks_.back()->size() == chunk_size) {
        chunks_.push_back(std::make_unique<StableArray<Rig>>(chunk_size));
      }
      rig = &chunks_.back()->emplace_back(host_, manager_, unit_, spec_, id);
    }
    rig->service.observe(tracker_);
    live_.push_back(rig);  // ids are handed out in order
    return rig->service;
  }

  // Records the final state of newly settled units and recycles those whose container is
  // quiet; returns how many settled for the first time.
  std::size_t settle(const std::vector<std::uint32_t>& ids, std::vector<ContainerOutcome>& outcomes) {
    std::size_t first_time = 0;
    for (const auto id : ids) {
      if (settled_[id]) continue;
      settled_[id] = true;
      ++first_time;
      Rig* rig = live_[id];
      ContainerOutcome& outcome = outcomes[id];
      outcome.restarts = rig->service.n_restarts();
      outcome.start_limit_hit = rig->service.start_limit_hit();
      outcome.final_state = rig->service.active_state();
      if (rig->container.quiescent()) {
        recycle(id);
      } else {
        busy_settled_.push_back(id);
      }
    }
    return first_time;
  }

  // Settled units whose container was still busy (say, a Type=simple unit running while its
  // container still boots): recycle those that have gone quiet since.
  void recycle_quiet() {
    std::erase_if(busy_settled_, [this](std::uint32_t id) {
      if (!live_[id]->container.quiescent()) return false;
      recycle(id);
      return true;
    });
  }

  // The final state of units that had not settled (or whose container stayed busy).
  void record_unsettled(std::vector<ContainerOutcome>& outcomes) const {
    for (std::size_t id = 0; id < live_.size(); ++id) {
      const Rig* rig = live_[id];
      if (rig == nullptr) continue;
      outcomes[id].restarts = rig->service.n_restarts();
      outcomes[id].start_limit_hit = rig->service.start_limit_hit();
      outcomes[id].final_state = rig->service.active_state();
    }
  }

  [[nodiscard]] std::size_t busy_settled() const { return busy_settled_.size(); }

 private:
  void recycle(std::uint32_t id) {
    free_.push_back(live_[id]);
    live_[id] = nullptr;
  }

  static constexpr std::size_t chunk_size = 4096;

  Host& host_;
  Manager& manager_;
  const ContainerUnit& unit_;
  const ContainerSpec& spec_;
  OutcomeTracker& tracker_;
  std::vector<std::unique_ptr<StableArray<Rig>>> chunks_;
  std::vector<Rig*> free_;
  std::vector<Rig*> live_;  // by unit id; null once recycled
  std::vector<bool> settled_;
  std::vector<std::uint32_t> busy_settled_;
  std::uint32_t next_id_ = 0;
};

}  // namespace

AutostartResult simulate_autostart(const AutostartRequest& request) {
  const unsigned cores = request.cores != 0 ? request.cores : request.calibration.cores;
  Engine engine(request.seed != 0 ? request.seed : request.calibration.seed);
  ProcessorSharing cpu(cores);
  engine.attach(cpu);
  Host host{engine, cpu, request.calibration};
  Manager manager(host);

  // A NixOS system as the container's init: stays up, halts on SIGRTMIN+3 and SIGRTMIN+4.
  const oracle::ProbeScript stays_up;
  const ContainerSpec spec{request.unit.nspawn, &stays_up, request.unit.exec_stop_signal,
                           {signals::rtmin_plus_3, signals::rtmin_plus_4}, request.unit.failures,
                           request.unit.post_start_runs_commands};

  AutostartResult result;
  result.cores = cores;
  result.containers.resize(request.containers);
  OutcomeTracker tracker(engine, result.containers);
  Fleet fleet(host, manager, request.unit, spec, tracker, request.containers);
  manager.enqueue_start_batch(request.containers, fleet);  // machines.target wants them all

  const SimTime horizon(request.horizon);
  std::size_t settled = 0;
  std::uint64_t steps = 0;
  while (settled < request.containers && engine.step(horizon)) {
    auto& newly_settled = tracker.newly_settled();
    if (!newly_settled.empty()) {
      settled += fleet.settle(newly_settled, result.containers);
      newly_settled.clear();
    }
    if (++steps % 4096 == 0 && fleet.busy_settled() > 0) fleet.recycle_quiet();
  }
  fleet.record_unsettled(result.containers);
  result.settled = settled == request.containers;
  result.ended_at = engine.now();
  result.events = engine.dispatched();
  result.peak_runnable = cpu.peak_runnable();
  return result;
}

}  // namespace ctrlab::sim
