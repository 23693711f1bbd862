#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "ctrlab/reports/formats.hpp"
#include "markup.hpp"

namespace ctrlab::reports {
namespace {

constexpr double label_width = 220;
constexpr double plot_width = 640;
constexpr double row_height = 22;
constexpr double axis_height = 24;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A round tick step giving about five ticks over the span.
double tick_step(double span_ms) {
  const double raw = span_ms / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-3))));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * magnitude) return factor * magnitude;
  }
  return 10 * magnitude;
}

std::string bar_colour(const TimelineBar& bar) {
  if (bar.ready_ms) return bar.source == "predicted" ? "#9ecae1" : "#3182bd";
  return bar.source == "predicted" ? "#fcbba1" : "#de2d26";
}

std::string bar_rect(const TimelineBar& bar, double y, double scale) {
  const double end = bar.ready_ms.value_or(bar.end_ms);
  const double x = label_width + bar.start_ms * scale;
  const double width = std::max(1.0, (end - bar.start_ms) * scale);
  const double height = bar.source == "predicted" ? 6 : 10;
  const double offset = bar.source == "predicted" ? 14 : 3;
  std::string title = bar.unit + " (" + bar.source + "): " + bar.outcome + ", " + number(bar.start_ms) + " ms to " +
                      number(end) + " ms";
  return "<rect x=\"" + number(x) + "\" y=\"" + number(y + offset) + "\" width=\"" + number(width) + "\" height=\"" +
         number(height) + "\" fill=\"" + bar_colour(bar) + "\"><title>" + escape_markup(title) + "</title></rect>\n";
}

std::string axis(double span_ms, double scale, double y) {
  std::string svg;
  const double step = tick_step(span_ms);
  for (double t = 0; t <= span_ms + step / 2; t += step) {
    const double x = label_width + t * scale;
    svg += "<line x1=\"" + number(x) + "\" y1=\"0\" x2=\"" + number(x) + "\" y2=\"" + number(y) +
           "\" stroke=\"#ddd\"/>\n<text x=\"" + number(x) + "\" y=\"" + number(y + 14) +
           "\" font-size=\"10\" text-anchor=\"middle\">" + number(t) + " ms</text>\n";
  }
  return svg;
}

}  // namespace

std::string timeline_svg(const std::vector<TimelineBar>& bars) {
  std::map<std::string, std::vector<const TimelineBar*>> rows;
  double span_ms = 1;
  for (const auto& bar : bars) {
    rows[bar.unit].push_back(&bar);
    span_ms = std::max({span_ms, bar.end_ms, bar.ready_ms.value_or(0)});
  }
  const double scale = plot_width / span_ms;
  const double plot_height = static_cast<double>(rows.size()) * row_height;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"" +
                    number(label_width + plot_width + 20) + "\" height=\"" + number(plot_height + axis_height) +
                    "\" font-family=\"sans-serif\">\n";
  svg += axis(span_ms, scale, plot_height);
  double y = 0;
  for (const auto& [unit, unit_bars] : rows) {
    svg += "<text x=\"0\" y=\"" + number(y + 14) + "\" font-size=\"11\">" + escape_markup(unit) + "</text>\n";
    for (const auto* bar : unit_bars) svg += bar_rect(*bar, y, scale);
    y += row_height;
  }
  return svg + "</svg>\n";
}

}  // namespace ctrlab::reports
