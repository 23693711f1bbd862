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
  if (phase == Phase::nspawn_setup) base.cpu += calibration.crowding_cpu * static_cast<Duration::rep>(starting_nspawns);
  if (calibration.spread <= 0.0) return base;
  const double low = 1.0 - calibration.spread;
  const double high = 1.0 + calibration.spread;
  PhaseCost drawn = base;
  drawn.cpu = scaled(base.cpu, engine.random().uniform(low, high));
  drawn.latency = scaled(base.latency, engine.random().uniform(low, high));
  drawn.serial = scaled(base.serial, engine.random().uniform(low, high));
  // Drawn only where there is one, so that calibrations without a wait draw what they always did.
  if (base.serial_wait.count() > 0) drawn.serial_wait = scaled(base.serial_wait, engine.random().uniform(low, high));
  return drawn;
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
  generation_ = host_->engine.fresh_generation();
  begin(host_->draw_cost(phase));
}

void PhaseRunner::run_without_work(Phase phase) {
  cancel();
  phase_ = phase;
  generation_ = host_->engine.fresh_generation();
  PhaseCost fork_and_exec;
  fork_and_exec.cpu = host_->draw_cost(Phase::manager_job).cpu;
  begin(fork_and_exec);
}

void PhaseRunner::begin(const PhaseCost& cost) {
  pending_ = cost;
  if (pending_.serial_wait.count() > 0) {
    stage_ = Stage::queued_to_wait;
    host_->setup_lock.acquire(*this);
    return;
  }
  after_the_wait();
}

void PhaseRunner::after_the_wait() {
  if (pending_.latency.count() > 0) {
    stage_ = Stage::latency;
    host_->engine.schedule_after(pending_.latency, *this, EventTag{0, generation_});
    return;
  }
  start_working();
}

void PhaseRunner::start_working() {
  stage_ = Stage::working;
  job_ = host_->cpu.submit(pending_.cpu, *this, generation_, pending_.processes);
}

void PhaseRunner::lock_granted() {
  if (stage_ == Stage::queued_to_wait) {
    stage_ = Stage::waiting;
    host_->engine.schedule_after(pending_.serial_wait, *this, EventTag{0, generation_});
  } else if (stage_ == Stage::queued_for_serial) {
    stage_ = Stage::serial_work;
    job_ = host_->cpu.submit(pending_.serial, *this, generation_);
  }
}

void PhaseRunner::on_event(EventTag tag) {
  if (tag.generation != generation_) return;
  if (stage_ == Stage::waiting) {
    leave_lock();  // the next setup in the queue begins its wait now
    after_the_wait();
  } else if (stage_ == Stage::latency) {
    start_working();
  }
}

void PhaseRunner::on_cpu_done(std::uint32_t tag) {
  if (tag != generation_) return;
  job_ = CpuJob{};
  if (stage_ == Stage::working && pending_.serial.count() > 0) {
    stage_ = Stage::queued_for_serial;
    host_->setup_lock.acquire(*this);
  } else if (stage_ == Stage::working || stage_ == Stage::serial_work) {
    finish();
  }
}

void PhaseRunner::cancel() {
  if (stage_ == Stage::idle) return;
  host_->cpu.cancel(job_);
  job_ = CpuJob{};
  leave_lock();
  stage_ = Stage::idle;
}

// Gives the setup lock up if this runner holds it, or leaves its queue if it waits for it.
void PhaseRunner::leave_lock() {
  switch (stage_) {
    case Stage::queued_to_wait:
    case Stage::queued_for_serial: host_->setup_lock.withdraw(*this); break;
    case Stage::waiting:
    case Stage::serial_work: host_->setup_lock.release(*this); break;
    default: break;
  }
}

void PhaseRunner::finish() {
  leave_lock();  // the next setup may take it before this phase's client goes on
  stage_ = Stage::idle;
  job_ = CpuJob{};
  client_->on_phase_done(phase_);
}

}  // namespace ctrlab::sim
