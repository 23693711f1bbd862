#include "ready_curves_svg.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "ctrlab/reports/markup.hpp"

namespace ctrlab::autostart {
namespace {

constexpr double width = 760;
constexpr double height = 380;
constexpr double left = 60;
constexpr double right = 170;  // room for the legend
constexpr double top = 20;
constexpr double bottom = 45;

// 1, 2 or 5 times a power of ten: about five ticks over `span`.
double tick_step(double span) {
  const double raw = span / 5;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}

std::string number(double value) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << value;
  return text.str();
}

}  // namespace

std::string ready_curves_svg(const std::vector<Curve>& curves, std::size_t containers) {
  double latest = 0;
  for (const auto& curve : curves) {
    for (const auto& ready : curve.ready) {
      if (ready) latest = std::max(latest, ready->count());
    }
  }
  const double x_end = latest > 0 ? latest * 1.05 : 1.0;
  const double y_end = static_cast<double>(std::max<std::size_t>(containers, 1));
  const auto x = [&](double seconds) { return left + seconds / x_end * (width - left - right); };
  const auto y = [&](double count) { return height - bottom - count / y_end * (height - top - bottom); };

  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ready-curves\" viewBox=\"0 0 " << width << ' ' << height
      << "\" width=\"" << width << "\" height=\"" << height << "\" role=\"img\" aria-label=\"containers ready over time\">\n";
  svg << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << y(0) << "\" x2=\"" << x(x_end) << "\" y2=\"" << y(0) << "\"/>\n";
  svg << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << y(0) << "\" x2=\"" << left << "\" y2=\"" << y(y_end) << "\"/>\n";
  const double step = tick_step(x_end);
  for (double tick = 0; tick <= x_end; tick += step) {
    svg << "<text class=\"tick\" x=\"" << number(x(tick)) << "\" y=\"" << y(0) + 16 << "\" text-anchor=\"middle\">"
        << tick << "</text>\n";
  }
  svg << "<text class=\"axis-label\" x=\"" << number(x(x_end / 2)) << "\" y=\"" << height - 8
      << "\" text-anchor=\"middle\">seconds since the start request</text>\n";
  for (const double count : {0.0, y_end / 2, y_end}) {
    svg << "<text class=\"tick\" x=\"" << left - 6 << "\" y=\"" << number(y(count) + 4) << "\" text-anchor=\"end\">"
        << std::llround(count) << "</text>\n";
  }
  svg << "<text class=\"axis-label\" x=\"14\" y=\"" << number(y(y_end / 2)) << "\" transform=\"rotate(-90 14 "
      << number(y(y_end / 2)) << ")\" text-anchor=\"middle\">containers ready</text>\n";

  double legend_y = top + 10;
  for (const auto& curve : curves) {
    std::vector<double> times;
    for (const auto& ready : curve.ready) {
      if (ready) times.push_back(ready->count());
    }
    std::sort(times.begin(), times.end());
    std::ostringstream path;
    path << "M" << number(x(0)) << ' ' << number(y(0));
    for (std::size_t i = 0; i < times.size(); ++i) {
      path << " H" << number(x(times[i])) << " V" << number(y(static_cast<double>(i + 1)));
    }
    svg << "<path class=\"curve " << reports::escape_markup(curve.series) << "\" data-series=\"" << reports::escape_markup(curve.series)
        << "\" data-ready=\"" << times.size() << "\" d=\"" << path.str() << "\"/>\n";
    svg << "<line class=\"curve " << reports::escape_markup(curve.series) << "\" x1=\"" << width - right + 12 << "\" y1=\"" << legend_y
        << "\" x2=\"" << width - right + 36 << "\" y2=\"" << legend_y << "\"/>\n";
    svg << "<text class=\"legend\" x=\"" << width - right + 42 << "\" y=\"" << legend_y + 4 << "\">"
        << reports::escape_markup(curve.label) << "</text>\n";
    legend_y += 18;
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace ctrlab::autostart
