#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "ctrlab/oracle/effects.hpp"
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

// Everything predicted about one run.
struct Expectation {
  Prediction rendering;
  NetworkEffects effects;
  std::map<std::string, UnitHistory> unit_histories;  // by container name (from the sim), optional
};

struct JudgeOptions {
  // Timestamps (ActiveEnterTimestampMonotonic, ...) further apart than this fail; nullopt:
  // report timing differences as notes only.
  std::optional<std::chrono::microseconds> timing_tolerance;
};

[[nodiscard]] Verdict judge(const Expectation& expected, const Observation& observed, const JudgeOptions& options = {});
// Convenience: predicts the effects from the rendering and the host's network first.
[[nodiscard]] Verdict judge(const Prediction& rendering, const HostNetwork& host, const Observation& observed,
                            const JudgeOptions& options = {});

}  // namespace ctrlab::oracle
