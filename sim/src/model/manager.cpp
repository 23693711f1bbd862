#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {

void Manager::enqueue(ServiceUnit& unit) {
  queue_.push_back(Entry{&unit, nullptr, 0});
  run_next();
}

void Manager::enqueue_start_batch(std::size_t count, UnitFactory& factory) {
  if (count == 0) return;
  queue_.push_back(Entry{nullptr, &factory, count});
  run_next();
}

std::size_t Manager::queued() const {
  std::size_t jobs = 0;
  for (const auto& entry : queue_) jobs += entry.unit != nullptr ? 1 : entry.remaining;
  return jobs;
}

void Manager::run_next() {
  if (!queue_.empty() && !runner_.busy()) runner_.run(Phase::manager_job);
}

void Manager::on_phase_done(Phase) {
  Entry& front = queue_.front();
  if (front.unit != nullptr) {
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
