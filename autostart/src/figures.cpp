#include "ctrlab/autostart/figures.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ctrlab::autostart {
namespace {

// Nearest rank: the smallest value with at least p% of the values at or below it.
Seconds percentile(const std::vector<Seconds>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

ReadyFigures ready_figures(const std::vector<std::optional<Seconds>>& ready) {
  std::vector<Seconds> sorted;
  for (const auto& each : ready) {
    if (each) sorted.push_back(*each);
  }
  ReadyFigures figures;
  if (sorted.empty()) return figures;
  std::sort(sorted.begin(), sorted.end());
  figures.p50 = percentile(sorted, 50);
  figures.p90 = percentile(sorted, 90);
  figures.p99 = percentile(sorted, 99);
  figures.max = sorted.back();
  if (sorted.size() == ready.size()) figures.all_ready = sorted.back();
  return figures;
}

double median(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("the median of no values");
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

ReadyFigures median_figures(const std::vector<ReadyFigures>& runs) {
  ReadyFigures medians;
  for (const auto& key : figure_keys) {
    std::vector<double> values;
    for (const auto& run : runs) {
      if (run.*key.member) values.push_back((run.*key.member)->count());
    }
    if (!values.empty()) medians.*key.member = Seconds(median(std::move(values)));
  }
  return medians;
}

FigureErrors error_percent(const ReadyFigures& predicted, const ReadyFigures& measured) {
  FigureErrors errors;
  for (std::size_t i = 0; i < figure_keys.size(); ++i) {
    const auto& p = predicted.*figure_keys[i].member;
    const auto& m = measured.*figure_keys[i].member;
    if (p && m && m->count() > 0) errors.percent[i] = (p->count() - m->count()) / m->count() * 100.0;
  }
  return errors;
}

}  // namespace ctrlab::autostart
