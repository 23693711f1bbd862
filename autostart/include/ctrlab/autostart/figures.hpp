#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

// The figures a mass start is judged by: when the containers were ready, as percentiles of the
// ready times (nearest rank, of those that became ready, as `ctrlab sim` reports them) and the
// time until all were; medians over repeated runs; the prediction's error against a measurement.
namespace ctrlab::autostart {

using Seconds = std::chrono::duration<double>;

struct ReadyFigures {
  std::optional<Seconds> p50, p90, p99, max;
  std::optional<Seconds> all_ready;  // set only when every container became ready
};

// The figures' names (as the JSON has them) and members, in the order they are shown.
struct FigureKey {
  std::string_view name;
  std::optional<Seconds> ReadyFigures::*member;
};
inline constexpr std::array<FigureKey, 5> figure_keys = {{{"p50", &ReadyFigures::p50},
                                                          {"p90", &ReadyFigures::p90},
                                                          {"p99", &ReadyFigures::p99},
                                                          {"max", &ReadyFigures::max},
                                                          {"allReady", &ReadyFigures::all_ready}}};

// One ready time per container, unset for a container that never became ready.
[[nodiscard]] ReadyFigures ready_figures(const std::vector<std::optional<Seconds>>& ready);

// Each figure's median over the runs that have it (the lower middle one of an even count is
// not taken: the mean of the two middle ones is).
[[nodiscard]] ReadyFigures median_figures(const std::vector<ReadyFigures>& runs);
// Of at least one value (std::invalid_argument otherwise).
[[nodiscard]] double median(std::vector<double> values);

// (predicted - measured) / measured, in percent, for each figure both have.
struct FigureErrors {
  std::array<std::optional<double>, figure_keys.size()> percent;  // in figure_keys' order
};
[[nodiscard]] FigureErrors error_percent(const ReadyFigures& predicted, const ReadyFigures& measured);

}  // namespace ctrlab::autostart
