#include "ctrlab/sim/timeline.hpp"

namespace ctrlab::sim {

nlohmann::json exact_outcome_to_json(const ExactOutcome& outcome) {
  return {{"Result", outcome.result},
          {"NRestarts", outcome.n_restarts},
          {"ExecMainCode", outcome.exec_main_code},
          {"ExecMainStatus", outcome.exec_main_status},
          {"ActiveStates", outcome.active_states}};
}

}  // namespace ctrlab::sim
