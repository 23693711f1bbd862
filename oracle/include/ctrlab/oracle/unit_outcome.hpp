#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/unit_history.hpp"

// The one rule for holding an observed unit history against a predicted one. The judge applies
// it (aspect unitHistory); the simulator's tests hold the simulator to it.
//  - Equal exactly: the outcome below (how the unit ended up, how often it restarted, how its
//    main process ended, and the ActiveStates it went through).
//  - May vary: when things happened (the changes' times, ActiveEnterTimestampMonotonic,
//    InactiveExitTimestampMonotonic), which the judge reports as notes or, given a tolerance,
//    fails beyond it; the SubStates passed on the way; and, where the prediction says the
//    main process and ExecStartPost= end at about the same moment (exits_may_race), the
//    states between a start and its failure (active, deactivating), which only the order of
//    those two ends decides.
namespace ctrlab::oracle {

struct ExactUnitOutcome {
  std::string result;                      // Result
  std::uint32_t n_restarts = 0;            // NRestarts
  std::string exec_main_code;              // ExecMainCode ("" if the main process never ended)
  int exec_main_status = 0;                // ExecMainStatus
  // The ActiveState sequence with repeats collapsed: systemd publishes a change of SubState
  // alone too (start-pre -> start), which is no change of ActiveState.
  std::vector<std::string> active_states;

  friend bool operator==(const ExactUnitOutcome&, const ExactUnitOutcome&) = default;
};

// How the unit is at rest once a stop ended: its last state and final properties.
[[nodiscard]] StopOutcome stop_outcome_of(const UnitHistory& history);

// `races`: whether the prediction this history is held against has exits_may_race.
[[nodiscard]] ExactUnitOutcome exact_outcome(const UnitHistory& history, bool races = false);

// One part of the outcome as a person reads it, named as systemd names it.
struct OutcomeField {
  std::string_view name;  // "Result", "NRestarts", "ExecMainCode", "ExecMainStatus", "ActiveState sequence"
  std::string value;      // e.g. "exit-code", "5", "inactive -> activating -> active"
};

// Every part, in that order.
[[nodiscard]] std::vector<OutcomeField> outcome_fields(const ExactUnitOutcome& outcome);

}  // namespace ctrlab::oracle
