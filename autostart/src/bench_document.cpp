#include "ctrlab/autostart/bench_document.hpp"

namespace ctrlab::autostart {
namespace {

using nlohmann::json;

json seconds(const std::optional<Seconds>& span) { return span ? json(span->count()) : json(nullptr); }

json times(const std::vector<std::optional<Seconds>>& each) {
  json list = json::array();
  for (const auto& time : each) list.push_back(seconds(time));
  return list;
}

json figures(const ReadyFigures& ready) {
  json object = json::object();
  for (const auto& key : figure_keys) object[std::string(key.name)] = seconds(ready.*key.member);
  return object;
}

json errors(const FigureErrors& error) {
  json object = json::object();
  for (std::size_t i = 0; i < figure_keys.size(); ++i) {
    object[std::string(figure_keys[i].name)] = error.percent[i] ? json(*error.percent[i]) : json(nullptr);
  }
  return object;
}

// Each container's states as [seconds since the start request, ActiveState, SubState].
json timeline(const std::vector<oracle::UnitStateChange>& changes) {
  json list = json::array();
  for (const auto& change : changes) {
    list.push_back(json::array({static_cast<double>(change.at) / 1e6, change.active_state, change.sub_state}));
  }
  return list;
}

json repeat_document(const MeasuredRepeat& repeat) {
  std::vector<std::optional<Seconds>> ready;
  std::vector<std::optional<Seconds>> boot;
  json containers = json::array();
  json timelines = json::array();
  for (const auto& start : repeat.starts) {
    ready.push_back(start.ready);
    boot.push_back(start.boot_finished);
    containers.push_back(start.container);
    timelines.push_back(timeline(start.changes));
  }
  const auto counts = count(repeat.starts);
  return {{"loadAverageBefore", repeat.load_before},
          {"peakBusyCores", repeat.peak.busy_cores},
          {"peakRunnable", repeat.peak.runnable},
          {"busyCpuSeconds", repeat.peak.busy_seconds},
          {"settledSeconds", repeat.settled.count()},
          {"problems", repeat.problems},
          {"containers", containers},
          {"ready", times(ready)},
          {"bootFinished", times(boot)},
          {"bare", times(repeat.bare_ready)},
          {"figures", figures(ready_figures(ready))},
          {"timedOut", counts.timed_out},
          {"restarts", counts.restarts},
          {"startLimitHits", counts.start_limit_hits},
          {"timelines", timelines}};
}

}  // namespace

json bench_document(const BenchRun& run) {
  const auto all = figures_of(run);
  const auto& request = run.request;
  const auto& predicted = run.predicted.summary;
  json repeats = json::array();
  for (const auto& repeat : run.repeats) repeats.push_back(repeat_document(repeat));
  return {{"containers", request.fleet.containers},
          {"payload", runner::to_string(request.payload)},
          {"revision", oracle::to_string(request.fleet.revision)},
          {"timeoutStart", request.fleet.timeout_start ? json(*request.fleet.timeout_start) : json(nullptr)},
          {"repeats", request.repeats},
          {"measured", figures(all.measured)},
          {"bootFinished", figures(all.boot_finished)},
          {"bare", figures(all.bare)},
          {"predicted", figures(all.predicted)},
          {"errorPercent", errors(all.error)},
          {"ready", all.ready},
          {"timedOut", all.timed_out},
          {"restarts", all.restarts},
          {"startLimitHits", all.start_limit_hits},
          {"predictedCounts",
           {{"ready", predicted.ready},
            {"timedOut", predicted.timed_out},
            {"restarts", predicted.restarts},
            {"startLimitHits", predicted.start_limit_hits}}},
          {"peakBusyCores", all.peak_busy_cores},
          {"peakRunnable", all.peak_runnable},
          {"loadAverageBefore", all.load_before},
          {"calibration",
           {{"name", run.calibration.name}, {"source", run.calibration.source}, {"cores", run.calibration.cores}}},
          {"runs", repeats},
          {"predictedReady", times(run.predicted.ready)}};
}

}  // namespace ctrlab::autostart
