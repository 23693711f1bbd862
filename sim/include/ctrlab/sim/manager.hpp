#pragma once

#include <deque>

#include "ctrlab/sim/host.hpp"
#include "ctrlab/sim/service_unit.hpp"

namespace ctrlab::sim {

// Builds the units of a batch of start jobs on demand: when machines.target pulls in a
// million containers, each unit's model is made only once the manager dispatches its job.
class UnitFactory {
 public:
  virtual ServiceUnit& build_next_unit() = 0;

 protected:
  UnitFactory() = default;
  UnitFactory(const UnitFactory&) = default;
  UnitFactory& operator=(const UnitFactory&) = default;
  ~UnitFactory() = default;
};

// systemd's manager as far as the dynamics go: one single-threaded process that runs queued
// jobs one after another, each costing it the calibration's `manager_job` (its CPU work is
// shared with everything else runnable, so a loaded machine slows systemd down too).
class Manager final : public JobQueue, public PhaseClient {
 public:
  explicit Manager(Host& host) : runner_(host, *this) {}
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;

  void enqueue(ServiceUnit& unit) override;
  // Queues `count` start jobs at once, for units `factory` builds as each job is dispatched.
  void enqueue_start_batch(std::size_t count, UnitFactory& factory);
  void on_phase_done(Phase phase) override;

  [[nodiscard]] std::size_t queued() const;

 private:
  struct Entry {
    ServiceUnit* unit = nullptr;      // a queued job of this unit, or
    UnitFactory* factory = nullptr;   // start jobs for this many units still to be built
    std::size_t remaining = 0;
  };

  void run_next();

  PhaseRunner runner_;
  std::deque<Entry> queue_;
};

}  // namespace ctrlab::sim
