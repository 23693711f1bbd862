#include "ctrlab/sim/engine.hpp"

#include <stdexcept>

namespace ctrlab::sim {

void Engine::schedule_at(SimTime at, EventHandler& handler, EventTag tag) {
  if (at < now_) throw std::logic_error("sim engine: an event was scheduled in the past");
  if (at == never) return;
  queue_.push(at, handler, tag);
}

void Engine::schedule_after(Duration delay, EventHandler& handler, EventTag tag) {
  if (delay.count() < 0) throw std::logic_error("sim engine: negative delay");
  schedule_at(later(now_, delay), handler, tag);
}

bool Engine::step(SimTime limit) {
  ContinuousModel* due_model = nullptr;
  SimTime model_at = never;
  for (ContinuousModel* model : models_) {
    const SimTime at = model->next_change();
    if (at < model_at) {
      model_at = at;
      due_model = model;
    }
  }
  const SimTime event_at = queue_.empty() ? never : queue_.top().at;
  if (due_model != nullptr && model_at <= event_at) {
    if (model_at > limit) return false;
    move_clock_to(model_at);
    ++dispatched_;
    due_model->on_change(now_);
    return true;
  }
  if (queue_.empty() || event_at > limit) return false;
  const ScheduledEvent event = queue_.pop();
  move_clock_to(event.at);
  ++dispatched_;
  event.handler->on_event(event.tag);
  return true;
}

void Engine::run_until(SimTime limit) {
  while (step(limit)) {
  }
  if (limit != never && limit > now_) move_clock_to(limit);
}

void Engine::move_clock_to(SimTime at) {
  now_ = at;
  for (ContinuousModel* model : models_) model->advance_to(at);
}

}  // namespace ctrlab::sim
