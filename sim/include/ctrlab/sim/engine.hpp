#pragma once

#include <cstdint>
#include <vector>

#include "ctrlab/sim/event_queue.hpp"
#include "ctrlab/sim/random.hpp"
#include "ctrlab/sim/time.hpp"

// The discrete-event engine: simulated time, the pending-event queue and the seeded random
// source. It knows nothing about systemd or containers; the models (service units, nspawn,
// CPU sharing) are built on top of it, as SimGrid and ns-3 keep their engine apart from
// their models.
namespace ctrlab::sim {

// A model whose state changes continuously between events, e.g. CPU work progressing under
// processor sharing. Instead of scheduling (and later cancelling) events each time its rates
// change, it tells the engine when it next needs control.
class ContinuousModel {
 public:
  // The earliest instant at which something happens in the model; `never` when idle.
  [[nodiscard]] virtual SimTime next_change() = 0;
  // Brings the model's state forward to `now` without anything happening in it.
  virtual void advance_to(SimTime now) = 0;
  // Lets happen what is due at `now` (== next_change()).
  virtual void on_change(SimTime now) = 0;

 protected:
  ContinuousModel() = default;
  ContinuousModel(const ContinuousModel&) = default;
  ContinuousModel& operator=(const ContinuousModel&) = default;
  ~ContinuousModel() = default;
};

class Engine {
 public:
  explicit Engine(std::uint64_t seed = 1) : random_(seed) {}
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] SimTime now() const { return now_; }

  // Schedules `handler.on_event(tag)` at `at` (not before now). Events due at the same time
  // fire in the order they were scheduled.
  void schedule_at(SimTime at, EventHandler& handler, EventTag tag);
  // Schedules after `delay`; an infinite delay schedules nothing.
  void schedule_after(Duration delay, EventHandler& handler, EventTag tag);

  // Registers a continuous model. When a model change and an event are due at the same
  // instant, the model's change happens first.
  void attach(ContinuousModel& model) { models_.push_back(&model); }

  // Runs the next happening if it is due at or before `limit`; false when there is none.
  bool step(SimTime limit = never);
  // Runs everything due at or before `limit`, then moves the clock to `limit`.
  void run_until(SimTime limit);

  // A number never handed out before in this run, for EventTag::generation. Because every
  // model draws its generations here, an object rebuilt in the memory of a discarded one can
  // never mistake the discarded one's stale events for its own.
  [[nodiscard]] std::uint32_t fresh_generation() { return ++last_generation_; }

  [[nodiscard]] std::uint64_t dispatched() const { return dispatched_; }
  [[nodiscard]] std::size_t pending_events() const { return queue_.size(); }
  void reserve_events(std::size_t events) { queue_.reserve(events); }
  [[nodiscard]] Random& random() { return random_; }

 private:
  void move_clock_to(SimTime at);

  SimTime now_{};
  EventQueue queue_;
  std::vector<ContinuousModel*> models_;
  Random random_;
  std::uint64_t dispatched_ = 0;
  std::uint32_t last_generation_ = 0;
};

}  // namespace ctrlab::sim
