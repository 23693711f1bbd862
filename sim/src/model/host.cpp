#include "ctrlab/sim/host.hpp"

#include <cmath>
#include <utility>

namespace ctrlab::sim {
namespace {

Duration scaled(Duration span, double factor) {
  return Duration(static_cast<Duration::rep>(std::llround(static_cast<double>(span.count()) * factor)));
}

}  // namespace

PhaseCost Host::draw_cost(Phase phase) {
  PhaseCost base = calibration.cost(phase);
  if (phase == Phase::nspawn_setup) {
    const auto crowd = static_cast<Duration::rep>(starting_nspawns);
    base.cpu += calibration.crowding_cpu * crowd;
    base.serial_wait += calibration.crowding_serial_wait * crowd;
  }
  if (calibration.spread <= 0.0) return base;
  const double low = 1.0 - calibration.spread;
  const double high = 1.0 + calibration.spread;
  return PhaseCost{scaled(base.cpu, engine.random().uniform(low, high)),
                   scaled(base.latency, engine.random().uniform(low, high)), base.processes,
                   scaled(base.serial, engine.random().uniform(low, high)),
                   scaled(base.serial_wait, engine.random().uniform(low, high))};
}

void SerialLock::acquire(PhaseRunner& runner) {
  waiting_.push_back(&runner);
  if (holder_ == nullptr) grant_next();
}

void SerialLock::release(PhaseRunner& runner) {
  if (holder_ != &runner) return;
  holder_ = nullptr;
  grant_next();
}

void SerialLock::withdraw(PhaseRunner& runner) { std::erase(waiting_, &runner); }

void SerialLock::grant_next() {
  if (waiting_.empty()) return;
  holder_ = waiting_.front();
  waiting_.pop_front();
  holder_->lock_granted();
}

void PhaseRunner::run(Phase phase) {
  cancel();
  phase_ = phase;
  busy_ = true;
  generation_ = host_->engine.fresh_generation();
  const PhaseCost cost = host_->draw_cost(phase);
  pending_cpu_ = cost.cpu;
  pending_serial_ = cost.serial;
  pending_serial_wait_ = cost.serial_wait;
  processes_ = cost.processes;
  if (cost.latency.count() > 0) {
    host_->engine.schedule_after(cost.latency, *this, EventTag{0, generation_});
  } else {
    job_ = host_->cpu.submit(pending_cpu_, *this, generation_, processes_);
  }
}

void PhaseRunner::run_without_work(Phase phase) {
  cancel();
  phase_ = phase;
  busy_ = true;
  generation_ = host_->engine.fresh_generation();
  pending_cpu_ = host_->draw_cost(Phase::manager_job).cpu;
  pending_serial_ = Duration{0};
  pending_serial_wait_ = Duration{0};
  processes_ = 1;
  job_ = host_->cpu.submit(pending_cpu_, *this, generation_);
}

void PhaseRunner::cancel() {
  if (!busy_) return;
  busy_ = false;
  host_->cpu.cancel(job_);
  job_ = CpuJob{};
  leave_lock();
}

void PhaseRunner::leave_lock() {
  if (waiting_for_lock_) host_->setup_lock.withdraw(*this);
  waiting_for_lock_ = false;
  if (holding_lock_) {
    holding_lock_ = false;
    host_->setup_lock.release(*this);
  }
}

void PhaseRunner::on_event(EventTag tag) {
  if (!busy_ || tag.generation != generation_) return;
  if (holding_lock_) {
    finish();  // the wait under the lock is over
    return;
  }
  job_ = host_->cpu.submit(pending_cpu_, *this, generation_, processes_);
}

void PhaseRunner::on_cpu_done(std::uint32_t tag) {
  if (!busy_ || tag != generation_) return;
  job_ = CpuJob{};
  if (!holding_lock_ && (pending_serial_.count() > 0 || pending_serial_wait_.count() > 0)) {
    waiting_for_lock_ = true;
    host_->setup_lock.acquire(*this);
    return;
  }
  if (holding_lock_ && pending_serial_wait_.count() > 0) {
    host_->engine.schedule_after(std::exchange(pending_serial_wait_, Duration{0}), *this, EventTag{0, generation_});
    return;
  }
  finish();
}

void PhaseRunner::lock_granted() {
  waiting_for_lock_ = false;
  holding_lock_ = true;
  if (pending_serial_.count() > 0) {
    job_ = host_->cpu.submit(pending_serial_, *this, generation_);
  } else {
    on_cpu_done(generation_);
  }
}

void PhaseRunner::finish() {
  busy_ = false;
  job_ = CpuJob{};
  leave_lock();  // the next setup may take it before this phase's client goes on
  client_->on_phase_done(phase_);
}

}  // namespace ctrlab::sim
