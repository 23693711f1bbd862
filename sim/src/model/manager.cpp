#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {

void Manager::enqueue(ServiceUnit& unit) {
  queue_.push_back(Entry{&unit, nullptr, 0, nullptr, {}});
  run_next();
}

void Manager::enqueue_event(EventHandler& handler, EventTag tag) {
  queue_.push_back(Entry{nullptr, nullptr, 0, &handler, tag});
  run_next();
}

void Manager::enqueue_start_batch(std::size_t count, UnitFactory& factory) {
  if (count == 0) return;
  queue_.push_back(Entry{nullptr, &factory, count, nullptr, {}});
  run_next();
}

void Manager::run_next() {
  if (queue_.empty() || runner_.busy()) return;
  runner_.run(queue_.front().handler != nullptr ? Phase::manager_event : Phase::manager_job);
}

void Manager::on_phase_done(Phase) {
  Entry& front = queue_.front();
  if (front.handler != nullptr) {
    EventHandler* handler = front.handler;
    const EventTag tag = front.tag;
    queue_.pop_front();
    handler->on_event(tag);  // may queue further jobs and events
  } else if (front.unit != nullptr) {
    ServiceUnit* unit = front.unit;
    queue_.pop_front();
    unit->run_job();  // may queue further jobs
  } else {
    UnitFactory* factory = front.factory;
    if (--front.remaining == 0) queue_.pop_front();
    factory->build_next_unit().run_start_job_now();
  }
  run_next();
}

}  // namespace ctrlab::sim
