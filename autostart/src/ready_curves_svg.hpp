#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ctrlab/autostart/figures.hpp"

// Ready over time as an SVG chart: for each series, how many containers were ready at each
// moment (a step line), on shared axes.
namespace ctrlab::autostart {

struct Curve {
  std::string series;  // measured, predicted, bare: the CSS class and the legend's word
  std::string label;   // the legend's text
  std::vector<std::optional<Seconds>> ready;  // one per container, unset if never ready
};

[[nodiscard]] std::string ready_curves_svg(const std::vector<Curve>& curves, std::size_t containers);

}  // namespace ctrlab::autostart
