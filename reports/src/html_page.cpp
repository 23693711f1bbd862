#include <string>

#include "ctrlab/reports/formats.hpp"
#include "markup.hpp"

namespace ctrlab::reports {
namespace {

constexpr std::string_view style = R"(<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
td.value{font-family:monospace;white-space:pre-wrap}
.passed{color:#1a7f37}.failed,.error{color:#cf222e}.skipped{color:#777}
.badge{display:inline-block;padding:.1em .6em;border-radius:1em;margin-right:.5em;background:#eee}
.adaptations{background:#f6f8fa;border-left:4px solid #999;padding:.3em 1em}
.warnings{background:#fff8c5;border-left:4px solid #bf8700;padding:.3em 1em}
details{margin:.6em 0}summary{cursor:pointer;font-weight:600}
</style>
)";

std::string cell(std::string_view text, std::string_view css_class = {}) {
  std::string open = css_class.empty() ? "<td>" : "<td class=\"" + std::string(css_class) + "\">";
  return open + escape_markup(text) + "</td>";
}

std::string header(const SuiteReport& report) {
  const auto counts = count_cases(report);
  std::string html = "<h1>" + escape_markup(report.name) + "</h1>\n<p>";
  if (!report.timestamp.empty()) html += escape_markup(report.timestamp) + " ";
  if (!report.hostname.empty()) html += "on " + escape_markup(report.hostname);
  html += "</p>\n<p>";
  html += "<span class=\"badge passed\">" + std::to_string(counts.passed) + " passed</span>";
  html += "<span class=\"badge failed\">" + std::to_string(counts.failed) + " failed</span>";
  html += "<span class=\"badge error\">" + std::to_string(counts.errors) + " errors</span>";
  html += "<span class=\"badge skipped\">" + std::to_string(counts.skipped) + " skipped</span>";
  return html + "</p>\n";
}

std::string failing_aspect_names(const CaseReport& c) {
  std::string names;
  for (const auto& a : c.aspects) {
    if (a.failed()) names += (names.empty() ? "" : ", ") + a.aspect;
  }
  return names.empty() ? c.message : names;
}

std::string summary_table(const SuiteReport& report) {
  std::string html = "<table>\n<tr><th>scenario</th><th>revision</th><th>status</th><th>seconds</th><th>what differs</th></tr>\n";
  for (const auto& c : report.cases) {
    const auto status = std::string(to_string(c.status));
    html += "<tr>" + cell(c.scenario) + cell(c.revision) + cell(status, status) + cell(format_seconds(c.seconds)) +
            cell(failing_aspect_names(c)) + "</tr>\n";
  }
  return html + "</table>\n";
}

std::string diff_table(const std::vector<oracle::Difference>& differences) {
  std::string html = "<table>\n<tr><th>kind</th><th>field</th><th>predicted</th><th>observed</th></tr>\n";
  for (const auto& d : differences) {
    html += "<tr>" + cell(oracle::to_string(d.kind)) + cell(d.place(), "value") +
            cell(oracle::Difference::shown(d.predicted), "value") + cell(oracle::Difference::shown(d.observed), "value") +
            "</tr>\n";
  }
  return html + "</table>\n";
}

std::string aspect_verdict_cell(const AspectResult& a) {
  switch (a.status) {
    case oracle::AspectStatus::passed: return cell("as predicted", "passed");
    case oracle::AspectStatus::failed: return cell("differs", "failed");
    case oracle::AspectStatus::not_observed: break;
  }
  return cell("not observed", "skipped");
}

std::string aspects_section(const CaseReport& c) {
  std::string html = "<table>\n<tr><th>aspect</th><th>verdict</th><th>summary</th></tr>\n";
  for (const auto& a : c.aspects) {
    html += "<tr>" + cell(a.aspect) + aspect_verdict_cell(a) + cell(a.summary) + "</tr>\n";
  }
  html += "</table>\n";
  for (const auto& a : c.aspects) {
    if (a.failed() && !a.differences.empty()) html += "<h4>" + escape_markup(a.aspect) + "</h4>\n" + diff_table(a.differences);
    if (!a.adapted.empty()) {
      html += "<div class=\"adaptations\"><p>" + escape_markup(a.aspect) +
              ": differences explained by sandbox adaptations</p>\n" + diff_table(a.adapted) + "</div>\n";
    }
  }
  return html;
}

std::string adaptations_section(const CaseReport& c) {
  if (c.adaptations.empty()) return {};
  std::string html = "<div class=\"adaptations\"><p>Sandbox adaptations (shown for context, never failures):</p><ul>\n";
  for (const auto& a : c.adaptations) {
    html += "<li>" + escape_markup(a.what) + " — <em>" + escape_markup(a.why) + "</em></li>\n";
  }
  return html + "</ul></div>\n";
}

std::string warnings_section(const CaseReport& c) {
  if (c.warnings.empty()) return {};
  std::string html = "<div class=\"warnings\"><p>The prediction warns:</p><ul>\n";
  for (const auto& warning : c.warnings) html += "<li>" + escape_markup(warning) + "</li>\n";
  return html + "</ul></div>\n";
}

std::string case_section(const CaseReport& c) {
  const auto status = std::string(to_string(c.status));
  const bool open = c.status != CaseStatus::passed || !c.warnings.empty();
  std::string html = "<details" + std::string(open ? " open=\"open\"" : "") + "><summary class=\"" +
                     status + "\">" + escape_markup(c.scenario + " [" + c.revision + "] — " + status) + "</summary>\n";
  if (!c.message.empty()) html += "<p>" + escape_markup(c.message) + "</p>\n";
  html += warnings_section(c);
  html += aspects_section(c);
  html += adaptations_section(c);
  if (!c.timeline.empty()) html += "<h4>startup timeline</h4>\n" + timeline_svg(c.timeline);
  return html + "</details>\n";
}

}  // namespace

std::string html_page(const SuiteReport& report) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" +
                     escape_markup(report.name) + " — ctrlab</title>\n" + std::string(style) + "</head><body>\n";
  html += header(report);
  html += summary_table(report);
  for (const auto& c : report.cases) html += case_section(c);
  return html + "</body></html>\n";
}

}  // namespace ctrlab::reports
