#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/oracle/verdict.hpp"
#include "ctrlab/reports/suite_report.hpp"

// From the oracle's judgement of one run to the report's model.
namespace ctrlab::reports {

// One case: passed when every observed aspect is as predicted, failed otherwise, its cause
// then the failing aspects' summaries ("routes: 1 route differs"). The verdict's adaptations
// travel with it; adapted differences stay apart from failures.
[[nodiscard]] CaseReport case_from_verdict(std::string scenario, std::string revision, double seconds,
                                           const oracle::Verdict& verdict);

// The warnings of a prediction, as a case report lists them: "JSON path: message".
[[nodiscard]] std::vector<std::string> prediction_warnings(const oracle::Prediction& prediction);

// A unit's start attempts as timeline bars (see TimelineBar), read from its state changes:
// an attempt begins when the unit turns activating other than in auto-restart, and ends when
// it turns active (ready) or leaves activating. An attempt that gave up is "restarted" when
// another follows, else it ends with the unit's Result; a restart that systemd refused before
// anything ran (auto-restart, inactive, failed: the start limit) is an attempt "start refused".
// `source` is "observed" or "predicted".
[[nodiscard]] std::vector<TimelineBar> timeline_bars(const oracle::UnitHistory& history, std::string_view source);

}  // namespace ctrlab::reports
