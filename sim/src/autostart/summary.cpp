#include <algorithm>
#include <cmath>

#include "ctrlab/sim/autostart.hpp"

namespace ctrlab::sim {
namespace {

// Nearest-rank percentile: the smallest value with at least p% of the values at or below it.
// Partially orders `values` (nth_element: linear, where a full sort of a million is not).
Duration percentile(std::vector<Duration>& values, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(rank, 1, values.size()) - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

nlohmann::json seconds(const std::optional<Duration>& span) {
  if (!span) return nullptr;
  return static_cast<double>(span->count()) / 1e6;
}

}  // namespace

AutostartSummary summarize(const AutostartResult& result) {
  AutostartSummary summary;
  summary.containers = result.containers.size();
  summary.cores = result.cores;
  summary.simulated = result.ended_at.time_since_epoch();
  summary.settled = result.settled;
  summary.events = result.events;
  summary.peak_runnable = result.peak_runnable;
  std::vector<Duration> ready_after;
  ready_after.reserve(result.containers.size());
  for (const auto& outcome : result.containers) {
    if (outcome.ready()) ready_after.push_back(outcome.first_ready.time_since_epoch());
    if (outcome.start_timeouts > 0) ++summary.timed_out;
    summary.start_timeouts += outcome.start_timeouts;
    summary.restarts += outcome.restarts;
    if (outcome.start_limit_hit) ++summary.start_limit_hits;
    if (outcome.final_state == ActiveState::failed) ++summary.failed_at_end;
  }
  summary.ready = ready_after.size();
  if (!ready_after.empty()) {
    summary.p50 = percentile(ready_after, 50);
    summary.p90 = percentile(ready_after, 90);
    summary.p99 = percentile(ready_after, 99);
    summary.max = *std::max_element(ready_after.begin(), ready_after.end());
    if (summary.ready == summary.containers) summary.all_ready_after = summary.max;
  }
  return summary;
}

nlohmann::json summary_to_json(const AutostartSummary& summary) {
  return {
      {"containers", summary.containers},
      {"cores", summary.cores},
      {"ready", summary.ready},
      {"neverReady", summary.containers - summary.ready},
      {"readySeconds", {{"p50", seconds(summary.p50)}, {"p90", seconds(summary.p90)}, {"p99", seconds(summary.p99)},
                        {"max", seconds(summary.max)}}},
      {"allReadyAfterSeconds", seconds(summary.all_ready_after)},
      {"timedOut", summary.timed_out},
      {"startTimeouts", summary.start_timeouts},
      {"restarts", summary.restarts},
      {"startLimitHits", summary.start_limit_hits},
      {"failedAtEnd", summary.failed_at_end},
      {"simulatedSeconds", seconds(summary.simulated)},
      {"settled", summary.settled},
      {"events", summary.events},
      {"peakRunnable", summary.peak_runnable},
  };
}

}  // namespace ctrlab::sim
