#pragma once

#include <optional>
#include <vector>

#include "ctrlab/autostart/figures.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/sim/autostart.hpp"
#include "ctrlab/sim/calibration.hpp"

// The simulator's prediction for the same mass start: the containers' unit as the module
// renders it (its scripts, TimeoutStartSec=, nspawn's options), N of them started together by
// their target, on the calibration's machine.
namespace ctrlab::autostart {

struct PredictedStarts {
  std::vector<std::optional<Seconds>> ready;  // one per container: start queued -> first active
  sim::AutostartSummary summary;
};

// `expected` is the fleet's (fleet.hpp): every container has the same unit but for its name.
// Simulated for `window` from the start request, as long as the real start is watched: a start
// that never settles (every container timing out and restarting) is counted over the same time.
// Throws sim::InputError when the unit cannot be read.
[[nodiscard]] PredictedStarts predict_starts(const oracle::Expectation& expected, const sim::Calibration& calibration,
                                             std::chrono::seconds window);

}  // namespace ctrlab::autostart
