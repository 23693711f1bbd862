#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/oracle/verdict.hpp"

// judge(): holds an observation against the prediction and reports, per aspect, the
// smallest set of differences a person needs to read. Normalised away, never reported:
// ifindexes, the order of links/addresses/routes, and kernel-chosen values (a MAC nobody
// set, the interface id of a link-local address derived from it). Differences a sandbox
// adaptation explains are shown apart and do not fail.
namespace ctrlab::oracle {

struct JudgeOptions {
  // Timestamps (ActiveEnterTimestampMonotonic, ...) further apart than this fail; nullopt:
  // report timing differences as notes only.
  std::optional<std::chrono::microseconds> timing_tolerance;
};

[[nodiscard]] Verdict judge(const Expectation& expected, const Observation& observed, const JudgeOptions& options = {});
// Convenience: judges against what the oracle itself expects of the rendering on the host
// (expect()), without unit histories.
[[nodiscard]] Verdict judge(const Prediction& rendering, const HostNetwork& host, const Observation& observed,
                            const JudgeOptions& options = {});

}  // namespace ctrlab::oracle
