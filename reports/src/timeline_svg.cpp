#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "ctrlab/reports/formats.hpp"
#include "markup.hpp"

// The startup timeline: one row per unit; in it one bar per start attempt, observed above
// predicted, so that restarts show as a row of bars and a prediction that is off shows as
// bars that do not line up. A legend below says what the colours mean.
namespace ctrlab::reports {
namespace {

constexpr double label_width = 220;
constexpr double plot_width = 640;
constexpr double row_height = 22;
constexpr double axis_height = 24;
constexpr double legend_height = 22;

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

// How each kind of bar looks; the legend is drawn from the same table.
struct BarStyle {
  std::string_view source;
  bool ready;
  std::string_view fill;
  double offset, height;  // within the row
  std::string_view meaning;
};
constexpr BarStyle bar_styles[] = {
    {"observed", true, "#3182bd", 3, 10, "observed: started until ready"},
    {"observed", false, "#de2d26", 3, 10, "observed: started, gave up"},
    {"predicted", true, "#9ecae1", 14, 6, "predicted: started until ready"},
    {"predicted", false, "#fcbba1", 14, 6, "predicted: started, gave up"},
};

const BarStyle& style_of(const TimelineBar& bar) {
  for (const auto& style : bar_styles) {
    if (style.source == bar.source && style.ready == bar.ready_ms.has_value()) return style;
  }
  return bar.ready_ms ? bar_styles[2] : bar_styles[3];
}

std::string bar_rect(const TimelineBar& bar, double y, double scale) {
  const auto& style = style_of(bar);
  const double end = std::max(bar.start_ms, bar.end_ms);
  const double width = std::max(1.0, (end - bar.start_ms) * scale);
  const std::string title = bar.unit + " (" + bar.source + ") attempt " + std::to_string(bar.attempt) + ": " +
                            number(bar.start_ms) + " ms to " + number(end) + " ms, " + bar.outcome;
  return "<rect class=\"attempt " + bar.source + "\" data-unit=\"" + escape_markup(bar.unit) + "\" data-attempt=\"" +
         std::to_string(bar.attempt) + "\" x=\"" + number(label_width + bar.start_ms * scale) + "\" y=\"" +
         number(y + style.offset) + "\" width=\"" + number(width) + "\" height=\"" + number(style.height) + "\" fill=\"" +
         std::string(style.fill) + "\"><title>" + escape_markup(title) + "</title></rect>\n";
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

std::string legend(double y) {
  std::string svg = "<g class=\"legend\">\n";
  double x = 0;
  for (const auto& style : bar_styles) {
    svg += "<rect x=\"" + number(x) + "\" y=\"" + number(y + 4) + "\" width=\"12\" height=\"10\" fill=\"" +
           std::string(style.fill) + "\"/><text x=\"" + number(x + 16) + "\" y=\"" + number(y + 13) +
           "\" font-size=\"10\">" + std::string(style.meaning) + "</text>\n";
    x += 220;
  }
  return svg + "</g>\n";
}

}  // namespace

std::string timeline_svg(const std::vector<TimelineBar>& bars) {
  std::map<std::string, std::vector<const TimelineBar*>> rows;
  double span_ms = 1;
  for (const auto& bar : bars) {
    rows[bar.unit].push_back(&bar);
    span_ms = std::max({span_ms, bar.end_ms, bar.start_ms});
  }
  const double scale = plot_width / span_ms;
  const double plot_height = static_cast<double>(rows.size()) * row_height;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"" +
                    number(label_width + plot_width + 20) + "\" height=\"" +
                    number(plot_height + axis_height + legend_height) + "\" font-family=\"sans-serif\">\n";
  svg += axis(span_ms, scale, plot_height);
  double y = 0;
  for (const auto& [unit, unit_bars] : rows) {
    svg += "<text x=\"0\" y=\"" + number(y + 14) + "\" font-size=\"11\">" + escape_markup(unit) + "</text>\n";
    for (const auto* bar : unit_bars) svg += bar_rect(*bar, y, scale);
    y += row_height;
  }
  return svg + legend(plot_height + axis_height) + "</svg>\n";
}

}  // namespace ctrlab::reports
