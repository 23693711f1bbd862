#include "ctrlab/autostart/predicted_starts.hpp"

#include "ctrlab/sim/container_unit.hpp"

namespace ctrlab::autostart {

PredictedStarts predict_starts(const oracle::Expectation& expected, const sim::Calibration& calibration,
                               std::chrono::seconds window) {
  sim::AutostartRequest request;
  request.containers = expected.rendering.containers.size();
  request.calibration = calibration;
  request.horizon = window;
  if (!expected.rendering.containers.empty()) {
    const auto& [name, container] = *expected.rendering.containers.begin();
    const auto effects = expected.effects.containers.find(name);
    request.unit = sim::container_unit_from(container, effects == expected.effects.containers.end() ? nullptr : &effects->second);
  }
  const auto result = sim::simulate_autostart(request);
  PredictedStarts predicted;
  for (const auto& outcome : result.containers) {
    predicted.ready.push_back(outcome.ready() ? std::optional(Seconds(outcome.first_ready.time_since_epoch()))
                                              : std::nullopt);
  }
  predicted.summary = sim::summarize(result);
  return predicted;
}

}  // namespace ctrlab::autostart
