#include <algorithm>

#include "ctrlab/autostart/bench.hpp"

namespace ctrlab::autostart {
namespace {

template <typename Count>
double median_over(const std::vector<MeasuredRepeat>& repeats, Count count_of) {
  std::vector<double> values;
  for (const auto& repeat : repeats) values.push_back(static_cast<double>(count_of(count(repeat.starts))));
  return values.empty() ? 0 : median(std::move(values));
}

template <typename Time>
ReadyFigures figures_over(const std::vector<MeasuredRepeat>& repeats, Time time_of) {
  std::vector<ReadyFigures> each;
  for (const auto& repeat : repeats) each.push_back(ready_figures(time_of(repeat)));
  return median_figures(each);
}

std::vector<std::optional<Seconds>> ready_times(const MeasuredRepeat& repeat) {
  std::vector<std::optional<Seconds>> times;
  for (const auto& start : repeat.starts) times.push_back(start.ready);
  return times;
}

std::vector<std::optional<Seconds>> boot_times(const MeasuredRepeat& repeat) {
  std::vector<std::optional<Seconds>> times;
  for (const auto& start : repeat.starts) times.push_back(start.boot_finished);
  return times;
}

}  // namespace

BenchFigures figures_of(const BenchRun& run) {
  BenchFigures figures;
  figures.measured = figures_over(run.repeats, ready_times);
  figures.boot_finished = figures_over(run.repeats, boot_times);
  figures.bare = figures_over(run.repeats, [](const MeasuredRepeat& repeat) { return repeat.bare_ready; });
  figures.predicted = ready_figures(run.predicted.ready);
  figures.error = error_percent(figures.predicted, figures.measured);
  figures.ready = median_over(run.repeats, [](const StartCounts& counts) { return counts.ready; });
  figures.timed_out = median_over(run.repeats, [](const StartCounts& counts) { return counts.timed_out; });
  figures.restarts = median_over(run.repeats, [](const StartCounts& counts) { return counts.restarts; });
  figures.start_limit_hits = median_over(run.repeats, [](const StartCounts& counts) { return counts.start_limit_hits; });
  for (const auto& repeat : run.repeats) {
    figures.peak_busy_cores = std::max(figures.peak_busy_cores, repeat.peak.busy_cores);
    figures.peak_runnable = std::max(figures.peak_runnable, repeat.peak.runnable);
    figures.load_before = std::max(figures.load_before, repeat.load_before);
  }
  return figures;
}

}  // namespace ctrlab::autostart
