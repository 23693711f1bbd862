#include "ctrlab/autostart/starts.hpp"

#include <algorithm>

namespace ctrlab::autostart {
namespace {

Seconds seconds(std::int64_t usec) { return Seconds(static_cast<double>(usec) / 1e6); }

std::optional<Seconds> first_active(const oracle::UnitHistory& history) {
  for (const auto& change : history.changes) {
    if (change.active_state == "active") return seconds(change.at);
  }
  return std::nullopt;
}

}  // namespace

std::uint32_t start_timeouts(const oracle::UnitHistory& history) {
  std::uint32_t timeouts = 0;
  for (std::size_t i = 1; i < history.changes.size(); ++i) {
    if (history.changes[i - 1].active_state == "activating" && history.changes[i].active_state == "deactivating") {
      ++timeouts;
    }
  }
  return timeouts;
}

std::vector<ContainerStart> measured_starts(const runner::ScenarioRun& run) {
  std::vector<ContainerStart> starts;
  for (const auto& [name, observed] : run.observation.containers) {
    ContainerStart start{name, std::nullopt, std::nullopt, 0, 0, false, {}};
    if (const auto& history = observed.unit_history) {
      start.ready = first_active(*history);
      start.start_timeouts = start_timeouts(*history);
      start.restarts = history->n_restarts;
      start.start_limit_hit = history->result == "start-limit-hit";
      start.changes = history->changes;
    }
    if (const auto finished = run.boot_finished_usec.find(name); finished != run.boot_finished_usec.end()) {
      start.boot_finished = seconds(finished->second - run.start_request_usec);
    }
    starts.push_back(std::move(start));
  }
  return starts;
}

StartCounts count(const std::vector<ContainerStart>& starts) {
  StartCounts counts;
  for (const auto& start : starts) {
    if (start.ready) ++counts.ready;
    if (start.start_timeouts > 0) ++counts.timed_out;
    counts.restarts += start.restarts;
    if (start.start_limit_hit) ++counts.start_limit_hits;
  }
  return counts;
}

}  // namespace ctrlab::autostart
