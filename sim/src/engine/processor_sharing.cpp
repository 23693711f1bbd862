#include "ctrlab/sim/processor_sharing.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ctrlab::sim {
namespace {

// Completions within this much virtual CPU time (a nanosecond) count as simultaneous.
constexpr double same_instant = 1e-3;

}  // namespace

ProcessorSharing::ProcessorSharing(unsigned cores) : cores_(cores) {
  if (cores == 0) throw std::invalid_argument("processor sharing needs at least one core");
}

void ProcessorSharing::runnable_changed() {
  share_ = runnable_ == 0 ? 0.0 : std::min(1.0, static_cast<double>(cores_) / static_cast<double>(runnable_));
  peak_runnable_ = std::max(peak_runnable_, runnable_);
  next_change_.reset();
}

CpuJob ProcessorSharing::submit(CpuWork work, CpuTask& task, std::uint32_t tag, unsigned processes) {
  if (work.count() < 0) throw std::logic_error("processor sharing: negative work");
  if (processes == 0) throw std::logic_error("processor sharing: a job needs a process");
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Slot& entry = slots_[slot];
  entry.task = &task;
  entry.tag = tag;
  entry.processes = processes;
  entry.active = true;
  runnable_ += processes;
  runnable_changed();
  const double per_process = static_cast<double>(work.count()) / static_cast<double>(processes);
  finishes_.push(Finish{virtual_time_ + per_process, next_sequence_++, slot, entry.generation});
  return CpuJob{slot, entry.generation};
}

void ProcessorSharing::cancel(CpuJob job) {
  if (job.slot >= slots_.size()) return;
  const Slot& entry = slots_[job.slot];
  if (!entry.active || entry.generation != job.generation) return;
  release(job.slot);
  runnable_changed();
}

void ProcessorSharing::release(std::uint32_t slot) {
  Slot& entry = slots_[slot];
  runnable_ -= entry.processes;
  entry.active = false;
  entry.task = nullptr;
  ++entry.generation;
  free_slots_.push_back(slot);
}

bool ProcessorSharing::is_current(const Finish& entry) const {
  const Slot& slot = slots_[entry.slot];
  return slot.active && slot.generation == entry.generation;
}

void ProcessorSharing::drop_stale_tops() {
  while (!finishes_.empty() && !is_current(finishes_.top())) (void)finishes_.pop();
}

SimTime ProcessorSharing::next_change() {
  // The instant stays valid while time passes: the shares only change with the jobs.
  if (next_change_) return *next_change_;
  drop_stale_tops();
  if (finishes_.empty()) {
    next_change_ = never;
    return never;
  }
  const double remaining = finishes_.top().virtual_finish - virtual_time_;
  if (remaining <= 0) {
    next_change_ = now_;
    return now_;
  }
  // Round up, but not when float noise puts an exact instant a hair above an integer.
  const double wall = std::ceil(remaining / share_ - 1e-6);
  next_change_ = later(now_, Duration(static_cast<Duration::rep>(wall)));
  return *next_change_;
}

void ProcessorSharing::advance_to(SimTime now) {
  if (now <= now_) return;
  virtual_time_ += share_ * static_cast<double>((now - now_).count());
  now_ = now;
}

void ProcessorSharing::on_change(SimTime now) {
  advance_to(now);
  next_change_.reset();
  drop_stale_tops();
  if (finishes_.empty()) return;
  // The first entry is due by construction (the engine calls this at next_change()).
  const double threshold = std::max(virtual_time_, finishes_.top().virtual_finish) + same_instant;
  completed_.clear();
  while (!finishes_.empty() && finishes_.top().virtual_finish <= threshold) {
    const Finish done = finishes_.pop();
    if (!is_current(done)) continue;
    completed_.emplace_back(slots_[done.slot].task, slots_[done.slot].tag);
    release(done.slot);
  }
  runnable_changed();
  // Callbacks may submit or cancel work; neither touches completed_.
  for (const auto& [task, tag] : completed_) task->on_cpu_done(tag);
}

}  // namespace ctrlab::sim
