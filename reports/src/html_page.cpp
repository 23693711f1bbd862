#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>

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
.cause{font-weight:600}
pre.journal{background:#f6f8fa;padding:.5em;overflow-x:auto}
#filter button{margin-right:.4em}#filter button[aria-pressed=false]{opacity:.45;text-decoration:line-through}
[hidden]{display:none !important}
</style>
)";

// The status filter: buttons that show or hide the cases of a status, and the cases shown at
// first from the address (report.html?status=failed,error). Inline, so the page works offline;
// written without '<' and '&' so the page stays well-formed XML.
constexpr std::string_view script = R"(<script>
(function () {
  var shown = {};
  var wanted = new URLSearchParams(window.location.search).get("status");
  ["failed", "error", "skipped", "passed"].forEach(function (status) {
    shown[status] = wanted === null || wanted.split(",").indexOf(status) !== -1;
  });
  function apply() {
    document.querySelectorAll("[data-status]").forEach(function (element) {
      if (element.tagName === "BUTTON") {
        element.setAttribute("aria-pressed", String(shown[element.dataset.status]));
      } else {
        element.hidden = !shown[element.dataset.status];
      }
    });
  }
  document.querySelectorAll("#filter button").forEach(function (button) {
    button.addEventListener("click", function () {
      shown[button.dataset.status] = !shown[button.dataset.status];
      apply();
    });
  });
  // A case reached through its anchor is opened.
  function open_target() {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) {
      if (target.tagName === "DETAILS") target.open = true;
    }
  }
  window.addEventListener("hashchange", open_target);
  open_target();
  apply();
})();
</script>
)";

std::string cell(std::string_view text, std::string_view css_class = {}) {
  std::string open = css_class.empty() ? "<td>" : "<td class=\"" + std::string(css_class) + "\">";
  return open + escape_markup(text) + "</td>";
}

std::string header(const SuiteReport& report) {
  const auto counts = count_cases(report);
  std::string html = "<h1>" + escape_markup(report.name) + "</h1>\n<p>";
  if (!report.timestamp.empty()) html += escape_markup(report.timestamp) + " ";
  if (!report.hostname.empty()) html += "on " + escape_markup(report.hostname) + " ";
  if (!report.ctrlab_version.empty()) html += "· ctrlab " + escape_markup(report.ctrlab_version);
  html += "</p>\n<p id=\"filter\">show: ";
  const std::pair<CaseStatus, std::size_t> statuses[] = {
      {CaseStatus::failed, counts.failed}, {CaseStatus::error, counts.errors},
      {CaseStatus::skipped, counts.skipped}, {CaseStatus::passed, counts.passed}};
  for (const auto& [status, count] : statuses) {
    const auto name = std::string(to_string(status));
    html += "<button type=\"button\" class=\"badge " + name + "\" data-status=\"" + name + "\" aria-pressed=\"true\">" +
            std::to_string(count) + " " + name + "</button>";
  }
  return html + "</p>\n";
}

// An id for each case's section, from its name: letters, digits, '-' and '_' kept, anything
// else '-', and a number added where two names would give the same id.
std::map<const CaseReport*, std::string> case_anchors(const SuiteReport& report) {
  std::map<const CaseReport*, std::string> anchors;
  std::set<std::string> taken;
  for (const auto& c : report.cases) {
    std::string id = "case-";
    for (const char ch : c.scenario + "-" + c.revision) {
      id += std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '-' || ch == '_' ? ch : '-';
    }
    std::string unique = id;
    for (int n = 2; !taken.insert(unique).second; ++n) unique = id + "-" + std::to_string(n);
    anchors.emplace(&c, unique);
  }
  return anchors;
}

std::string summary_table(const std::vector<const CaseReport*>& cases, const std::map<const CaseReport*, std::string>& anchors) {
  std::string html =
      "<table id=\"summary\">\n<tr><th>scenario</th><th>revision</th><th>status</th><th>seconds</th><th>cause</th></tr>\n";
  for (const CaseReport* c : cases) {
    const auto status = std::string(to_string(c->status));
    html += "<tr data-status=\"" + status + "\"><td><a href=\"#" + anchors.at(c) + "\">" + escape_markup(c->scenario) +
            "</a></td>" + cell(c->revision) + cell(status, status) + cell(format_seconds(c->seconds)) + cell(c->cause) + "</tr>\n";
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
  if (c.aspects.empty()) return {};
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

// The journals and the runner's log, folded: long, and read only after the cause and the diff.
std::string journal_section(const CaseReport& c) {
  if (c.journal.empty() && c.log.empty()) return {};
  std::string html = "<details class=\"journal\"><summary>journal and runner's log</summary>\n";
  for (const auto& excerpt : c.journal) {
    html += "<h4>journal of " + escape_markup(excerpt.unit) + "</h4>\n<pre class=\"journal\">" + escape_markup(excerpt.text) +
            "</pre>\n";
  }
  if (!c.log.empty()) {
    std::string log;
    for (const auto& line : c.log) log += line + "\n";
    html += "<h4>runner's log</h4>\n<pre class=\"journal\">" + escape_markup(log) + "</pre>\n";
  }
  return html + "</details>\n";
}

std::string case_section(const CaseReport& c, const std::string& anchor) {
  const auto status = std::string(to_string(c.status));
  const bool open = c.status != CaseStatus::passed || !c.warnings.empty();
  std::string html = "<details id=\"" + anchor + "\" class=\"case\" data-status=\"" + status + "\"" +
                     std::string(open ? " open=\"open\"" : "") + "><summary class=\"" + status + "\">" +
                     escape_markup(c.label() + " — " + status) + "</summary>\n";
  if (!c.cause.empty()) html += "<p class=\"cause\">" + escape_markup(c.cause) + "</p>\n";
  html += warnings_section(c);
  html += aspects_section(c);
  html += journal_section(c);
  html += adaptations_section(c);
  if (!c.timeline.empty()) html += "<h4>startup timeline</h4>\n" + timeline_svg(c.timeline);
  return html + "</details>\n";
}

}  // namespace

std::string html_page(const SuiteReport& report) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" +
                     escape_markup(report.name) + " — ctrlab</title>\n" + std::string(style) + "</head><body>\n";
  html += header(report);
  const auto cases = worst_first(report);
  const auto anchors = case_anchors(report);
  html += summary_table(cases, anchors);
  for (const CaseReport* c : cases) html += case_section(*c, anchors.at(c));
  return html + std::string(script) + "</body></html>\n";
}

}  // namespace ctrlab::reports
