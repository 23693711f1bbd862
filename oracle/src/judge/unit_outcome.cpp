#include "ctrlab/oracle/unit_outcome.hpp"

namespace ctrlab::oracle {

namespace {

// systemd stops a unit whose ExecStartPost= fails (stop-sigterm) only while its main process
// still runs; when the main process ends at about the same moment (nspawn whose command failed
// to exec, and a 2018 postStart that then finds no machine), the order in which systemd sees
// the two exits decides whether the unit passes through deactivating on its way to failed:
// the machine's scheduler decides, not the configuration. (Seen under CPU load: one of three
// suite runs took the other order.)
bool stop_after_a_start_post_race(const std::vector<UnitStateChange>& changes, std::size_t index) {
  return index > 0 && changes[index].sub_state == "stop-sigterm" && changes[index - 1].sub_state == "start-post";
}

}  // namespace

ExactUnitOutcome exact_outcome(const UnitHistory& history, bool races) {
  ExactUnitOutcome outcome;
  outcome.result = history.result;
  outcome.n_restarts = history.n_restarts;
  outcome.exec_main_code = history.exec_main_code;
  outcome.exec_main_status = history.exec_main_status;
  for (std::size_t i = 0; i < history.changes.size(); ++i) {
    const auto& change = history.changes[i];
    if (races && stop_after_a_start_post_race(history.changes, i)) continue;
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
