#include "ctrlab/oracle/unit_outcome.hpp"

namespace ctrlab::oracle {

ExactUnitOutcome exact_outcome(const UnitHistory& history) {
  ExactUnitOutcome outcome;
  outcome.result = history.result;
  outcome.n_restarts = history.n_restarts;
  outcome.exec_main_code = history.exec_main_code;
  outcome.exec_main_status = history.exec_main_status;
  for (const auto& change : history.changes) {
    if (outcome.active_states.empty() || outcome.active_states.back() != change.active_state) {
      outcome.active_states.push_back(change.active_state);
    }
  }
  return outcome;
}

std::vector<OutcomeField> outcome_fields(const ExactUnitOutcome& outcome) {
  std::string states;
  for (const auto& state : outcome.active_states) states += (states.empty() ? "" : " -> ") + state;
  return {{"Result", outcome.result},
          {"NRestarts", std::to_string(outcome.n_restarts)},
          {"ExecMainCode", outcome.exec_main_code},
          {"ExecMainStatus", std::to_string(outcome.exec_main_status)},
          {"ActiveState sequence", states}};
}

}  // namespace ctrlab::oracle
