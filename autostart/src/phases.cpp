#include "ctrlab/autostart/phases.hpp"

#include <charconv>

namespace ctrlab::autostart {
namespace {

using sim::Phase;

Seconds seconds(std::int64_t usec) { return Seconds(static_cast<double>(usec) / 1e6); }

std::optional<std::int64_t> number_property(const std::map<std::string, std::string>& properties, const char* name) {
  const auto found = properties.find(name);
  if (found == properties.end()) return std::nullopt;
  std::int64_t value = 0;
  const auto& text = found->second;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // systemd shows an unset counter as UINT64_MAX ("[not set]" in newer versions)
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// When the history first entered a state matching `holds`, since the start request.
template <typename Holds>
std::optional<Seconds> first(const std::vector<oracle::UnitStateChange>& changes, Holds holds, std::size_t from = 0) {
  for (std::size_t i = from; i < changes.size(); ++i) {
    if (holds(changes[i])) return seconds(changes[i].at);
  }
  return std::nullopt;
}

std::optional<Seconds> span(const std::optional<Seconds>& from, const std::optional<Seconds>& to) {
  if (!from || !to || *to < *from) return std::nullopt;
  return *to - *from;
}

// The stop after the unit had been up: from deactivating until inactive again.
std::optional<Seconds> stop_duration(const oracle::UnitHistory& history) {
  const auto& changes = history.changes;
  std::size_t up = 0;
  while (up < changes.size() && changes[up].active_state != "active") ++up;
  const auto stopping = first(changes, [](const auto& c) { return c.active_state == "deactivating"; }, up);
  const auto stopped = first(changes, [](const auto& c) { return c.active_state == "inactive" || c.active_state == "failed"; }, up);
  return up < changes.size() ? span(stopping, stopped) : std::nullopt;
}

}  // namespace

std::optional<Seconds>& wall(StartPhases& start, Phase phase) { return start.wall[static_cast<std::size_t>(phase)]; }
const std::optional<Seconds>& wall(const StartPhases& start, Phase phase) {
  return start.wall[static_cast<std::size_t>(phase)];
}

std::optional<Seconds> median_wall(const std::vector<PhaseSample>& samples, Phase phase, std::size_t concurrency) {
  std::vector<double> values;
  for (const auto& sample : samples) {
    if (sample.concurrency != concurrency) continue;
    for (const auto& start : sample.starts) {
      if (const auto& span = wall(start, phase)) values.push_back(span->count());
    }
  }
  if (values.empty()) return std::nullopt;
  return Seconds(median(std::move(values)));
}

std::vector<StartPhases> start_phases(const runner::ScenarioRun& run) {
  std::vector<StartPhases> all;
  for (const auto& [name, observed] : run.observation.containers) {
    StartPhases start;
    start.container = name;
    if (!observed.unit_history) continue;
    const auto& changes = observed.unit_history->changes;
    const std::map<std::string, std::string> none;
    const auto& properties = observed.unit_properties ? *observed.unit_properties : none;
    start.left_inactive = first(changes, [](const auto& c) { return c.active_state == "activating"; });
    start.ready = first(changes, [](const auto& c) { return c.active_state == "active"; });
    const auto ready_sent = first(changes, [](const auto& c) { return c.sub_state == "start-post" || c.active_state == "active"; });
    std::optional<Seconds> main_started;
    if (const auto usec = number_property(properties, "ExecMainStartTimestampMonotonic")) {
      main_started = seconds(*usec - run.start_request_usec);
    }
    std::optional<Seconds> init_started;
    if (const auto reports = run.probe_reports.find(name); reports != run.probe_reports.end() && !reports->second.empty()) {
      if (const auto usec = reports->second.front().started_usec; usec > 0) init_started = seconds(usec - run.start_request_usec);
    }
    wall(start, Phase::manager_job) = start.left_inactive;
    wall(start, Phase::start_pre) = span(start.left_inactive, main_started);
    wall(start, Phase::nspawn_setup) = span(main_started, init_started);
    wall(start, Phase::init_until_ready) = span(init_started, ready_sent);
    wall(start, Phase::start_post) = span(ready_sent, start.ready);
    if (const auto stopped = run.histories_after_stop.find(observed.unit_history->unit); stopped != run.histories_after_stop.end()) {
      wall(start, Phase::shutdown) = stop_duration(stopped->second);
    }
    if (const auto nsec = number_property(properties, "CPUUsageNSec")) start.cpu = Seconds(static_cast<double>(*nsec) / 1e9);
    all.push_back(std::move(start));
  }
  return all;
}

}  // namespace ctrlab::autostart
