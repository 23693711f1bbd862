#pragma once

#include <deque>

#include "ctrlab/sim/host.hpp"
#include "ctrlab/sim/service_unit.hpp"

namespace ctrlab::sim {

// systemd's manager as far as the dynamics go: one single-threaded process that runs queued
// jobs one after another, each costing it the calibration's `manager_job` (its CPU work is
// shared with everything else runnable, so a loaded machine slows systemd down too).
class Manager final : public JobQueue, public PhaseClient {
 public:
  explicit Manager(Host& host) : runner_(host, *this) {}
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;

  void enqueue(ServiceUnit& unit) override;
  void on_phase_done(Phase phase) override;

  [[nodiscard]] std::size_t queued() const { return queue_.size(); }

 private:
  PhaseRunner runner_;
  std::deque<ServiceUnit*> queue_;
};

}  // namespace ctrlab::sim
