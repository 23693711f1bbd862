#include "ctrlab/sim/manager.hpp"

namespace ctrlab::sim {

void Manager::enqueue(ServiceUnit& unit) {
  queue_.push_back(&unit);
  if (!runner_.busy()) runner_.run(Phase::manager_job);
}

void Manager::on_phase_done(Phase) {
  ServiceUnit* unit = queue_.front();
  queue_.pop_front();
  unit->run_job();  // may queue further jobs, which starts the runner again
  if (!queue_.empty() && !runner_.busy()) runner_.run(Phase::manager_job);
}

}  // namespace ctrlab::sim
