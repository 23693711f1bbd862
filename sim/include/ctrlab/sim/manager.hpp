#pragma once

#include <deque>
#include <variant>

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
// jobs, and handles what the units' processes report (exits, READY=1), one after another in
// the order they came, each costing it the calibration's `manager_job` or `manager_event` (its
// CPU work is shared with everything else runnable, so a loaded machine slows systemd down too). Measured in the
// sandbox host (bench/README.md, "Mass autostart"): with 200 start jobs queued at once, no
// unit's ExecStart= began before the last job was dispatched, and while 100 containers boot
// the units' ExecStartPost= exits wait and are then handled together when the boots are done.
class Manager final : public JobQueue, public PhaseClient {
 public:
  explicit Manager(Host& host) : runner_(host, *this) {}
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;

  void enqueue(ServiceUnit& unit) override;
  void enqueue_event(EventHandler& handler, EventTag tag) override;
  // Queues `count` start jobs at once, for units `factory` builds as each job is dispatched.
  void enqueue_start_batch(std::size_t count, UnitFactory& factory);
  void on_phase_done(Phase phase) override;

 private:
  struct QueuedJob {
    ServiceUnit* unit;
  };
  struct StartBatch {  // start jobs for `remaining` units, each built when its job runs
    UnitFactory* factory;
    std::size_t remaining;
  };
  struct Report {  // what a unit's process reported, for its handler
    EventHandler* handler;
    EventTag tag;
  };
  using Entry = std::variant<QueuedJob, StartBatch, Report>;

  void run_next();

  PhaseRunner runner_;
  std::deque<Entry> queue_;
};

}  // namespace ctrlab::sim
