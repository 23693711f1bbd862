// bench.html: the figures side by side and the ready-over-time curves, one self-contained page.
#include <iomanip>
#include <sstream>

#include "ctrlab/autostart/bench_document.hpp"
#include "ctrlab/reports/markup.hpp"
#include "ready_curves_svg.hpp"

namespace ctrlab::autostart {
namespace {

constexpr const char* style = R"(body{font-family:sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}
.axis{stroke:#333}.tick,.legend,.axis-label{font-size:12px;fill:#333}
.curve{fill:none;stroke-width:2}.curve.measured{stroke:#1f77b4}.curve.predicted{stroke:#d62728;stroke-dasharray:6 3}
.curve.bare{stroke:#2ca02c}.curve.boot{stroke:#9467bd;stroke-dasharray:2 2})";

std::string seconds_cell(const std::optional<Seconds>& span) {
  if (!span) return "<td>-</td>";
  std::ostringstream text;
  text << "<td>" << std::fixed << std::setprecision(3) << span->count() << " s</td>";
  return text.str();
}

std::string percent_cell(const std::optional<double>& percent) {
  if (!percent) return "<td>-</td>";
  std::ostringstream text;
  text << "<td>" << std::showpos << std::fixed << std::setprecision(1) << *percent << " %</td>";
  return text.str();
}

std::string figure_row(const std::string& label, const ReadyFigures& figures) {
  std::string row = "<tr><th>" + reports::escape_markup(label) + "</th>";
  for (const auto& key : figure_keys) row += seconds_cell(figures.*key.member);
  return row + "</tr>\n";
}

std::string figures_table(const BenchFigures& figures) {
  std::string table = "<table class=\"figures\">\n<tr><th></th>";
  for (const auto& key : figure_keys) table += "<th>" + std::string(key.name) + "</th>";
  table += "</tr>\n";
  table += figure_row("measured (ready, as systemd sees it)", figures.measured);
  table += figure_row("payload's boot finished", figures.boot_finished);
  table += figure_row("predicted (simulator)", figures.predicted);
  table += figure_row("bare nspawn", figures.bare);
  table += "<tr><th>error (predicted vs measured)</th>";
  for (const auto& percent : figures.error.percent) table += percent_cell(percent);
  return table + "</tr>\n</table>\n";
}

std::vector<Curve> curves_of(const BenchRun& run) {
  std::vector<Curve> curves;
  for (std::size_t k = 0; k < run.repeats.size(); ++k) {
    const auto& repeat = run.repeats[k];
    const auto suffix = run.repeats.size() > 1 ? " " + std::to_string(k + 1) : "";
    Curve measured{"measured", "measured" + suffix, {}};
    Curve boot{"boot", "boot finished" + suffix, {}};
    for (const auto& start : repeat.starts) {
      measured.ready.push_back(start.ready);
      boot.ready.push_back(start.boot_finished);
    }
    curves.push_back(std::move(measured));
    curves.push_back(std::move(boot));
    curves.push_back({"bare", "bare" + suffix, repeat.bare_ready});
  }
  curves.push_back({"predicted", "predicted", run.predicted.ready});
  return curves;
}

}  // namespace

std::string bench_page(const BenchRun& run) {
  const auto figures = figures_of(run);
  const auto& request = run.request;
  std::ostringstream page;
  page << "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>ctrlab bench autostart: "
       << request.fleet.containers << " containers</title>\n<style>" << style << "</style></head>\n<body>\n";
  page << "<h1>Mass autostart: " << request.fleet.containers << " containers</h1>\n";
  page << "<p class=\"setting\">revision " << oracle::to_string(request.fleet.revision) << ", "
       << runner::to_string(request.payload) << " payload, " << request.repeats << " run(s), TimeoutStartSec="
       << reports::escape_markup(request.fleet.timeout_start.value_or("the module's default")) << "; load average before "
       << std::fixed << std::setprecision(2) << figures.load_before << ", peak " << std::setprecision(1)
       << figures.peak_busy_cores << " cores busy, " << figures.peak_runnable << " runnable at most.</p>\n";
  page << "<p class=\"calibration\">calibration " << reports::escape_markup(run.calibration.name) << ": "
       << reports::escape_markup(run.calibration.source) << "</p>\n";
  page << figures_table(figures);
  page << std::setprecision(1) << "<p class=\"counts\">medians over the runs: " << figures.ready << " ready, "
       << figures.timed_out << " timed out, " << figures.restarts << " restarts, " << figures.start_limit_hits
       << " start-limit hits; predicted " << run.predicted.summary.ready << ", " << run.predicted.summary.timed_out
       << ", " << run.predicted.summary.restarts << ", " << run.predicted.summary.start_limit_hits << ".</p>\n";
  page << "<h2>Ready over time</h2>\n" << ready_curves_svg(curves_of(run), request.fleet.containers);
  page << "</body>\n</html>\n";
  return page.str();
}

}  // namespace ctrlab::autostart
