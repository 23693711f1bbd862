#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {

void Manager::enqueue(ServiceUnit& unit) {
  queue_.emplace_back(QueuedJob{&unit});
  run_next();
}

void Manager::enqueue_event(EventHandler& handler, EventTag tag) {
  queue_.emplace_back(Report{&handler, tag});
  run_next();
}

void Manager::enqueue_start_batch(std::size_t count, UnitFactory& factory) {
  if (count == 0) return;
  queue_.emplace_back(StartBatch{&factory, count});
  run_next();
}

void Manager::run_next() {
  if (queue_.empty() || runner_.busy()) return;
  runner_.run(std::holds_alternative<Report>(queue_.front()) ? Phase::manager_event : Phase::manager_job);
}

void Manager::on_phase_done(Phase) {
  Entry& front = queue_.front();
  if (const auto* report = std::get_if<Report>(&front)) {
    const Report handled = *report;
    queue_.pop_front();
    handled.handler->on_event(handled.tag);  // may queue further jobs and events
  } else if (const auto* job = std::get_if<QueuedJob>(&front)) {
    ServiceUnit* unit = job->unit;
    queue_.pop_front();
    unit->run_job();  // may queue further jobs
  } else {
    auto& batch = std::get<StartBatch>(front);
    UnitFactory* factory = batch.factory;
    if (--batch.remaining == 0) queue_.pop_front();
    factory->build_next_unit().run_start_job_now();
  }
  run_next();
}

}  // namespace ctrlab::sim
