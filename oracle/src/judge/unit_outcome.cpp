#include "ctrlab/oracle/unit_outcome.hpp"

namespace ctrlab::oracle {

namespace {

// Where the main process ends (or says STOPPING=1) while ExecStartPost= runs — nspawn whose
// command failed to exec, next to a postStart that runs nothing or finds no machine — the
// order in which systemd sees the two ends decides the states on the way to failed: running
// first (active, then deactivating), stopping at once (deactivating), or neither. The
// machine's scheduler decides, not the configuration (seen under CPU load: one of three suite
// runs took another order). What the start ends in is compared; the way there is not.
void forget_the_way_to_failed(std::vector<std::string>& states) {
  std::vector<std::string> kept;
  for (auto& state : states) {
    if (state == "failed") {
      while (kept.size() >= 2 && (kept.back() == "active" || kept.back() == "deactivating")) kept.pop_back();
    }
    if (kept.empty() || kept.back() != state) kept.push_back(std::move(state));
  }
  states = std::move(kept);
}

}  // namespace

ExactUnitOutcome exact_outcome(const UnitHistory& history, bool races) {
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
  if (races) forget_the_way_to_failed(outcome.active_states);
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

StopOutcome stop_outcome_of(const UnitHistory& history) {
  StopOutcome outcome;
  if (!history.changes.empty()) {
    outcome.active_state = history.changes.back().active_state;
    outcome.sub_state = history.changes.back().sub_state;
  }
  outcome.result = history.result;
  outcome.exec_main_code = history.exec_main_code;
  outcome.exec_main_status = history.exec_main_status;
  return outcome;
}

}  // namespace ctrlab::oracle
