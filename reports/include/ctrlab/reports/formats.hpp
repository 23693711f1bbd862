#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "ctrlab/reports/suite_report.hpp"

// The output formats. Each is a pure function of the report; the caller writes the files.
namespace ctrlab::reports {

// JUnit XML as CI servers read it, within the Jenkins xUnit plugin's junit-10.xsd: one
// <testsuite> whose <properties> hold ctrlab's version and each sandbox adaptation once; one
// <testcase> (classname, name, time) per (scenario, revision) with a <failure> holding the
// readable diff, an <error> for a case that could not be judged or a <skipped>, each with its
// cause; <system-out> with the prediction's warnings and, for a case that did not pass, the
// cause, its units' journals and the runner's log.
[[nodiscard]] std::string junit_xml(const SuiteReport& report);

// The complete report as JSON, with ctrlab's version and the schema version
// (report_schema_version); suite_from_json reads it back (for merging shards).
[[nodiscard]] nlohmann::json to_json(const SuiteReport& report);

// A shard that is not a report: names the JSON path and what was expected there.
struct ReportError : std::runtime_error {
  ReportError(std::string json_path, const std::string& expected);
  std::string json_path;
};
[[nodiscard]] SuiteReport suite_from_json(const nlohmann::json& json);

// One report from the shards of a suite: cases in canonical order (scenario, revision); a
// case present in two shards is an error, since a suite runs each case once.
[[nodiscard]] SuiteReport merge_shards(const std::vector<SuiteReport>& shards);

// A self-contained HTML page that works offline: a status filter, a summary table linking to
// each case's anchor, then the cases worst first, each with its cause, one diff table per
// failing aspect, its journal folded, adaptations beside the verdicts and its startup
// timeline. Well-formed as XML too (after its doctype), so that tools and tests can read it
// as a tree.
[[nodiscard]] std::string html_page(const SuiteReport& report);

// The startup timeline as an SVG element: one row per unit, a bar per start attempt,
// observed and predicted, and a legend.
[[nodiscard]] std::string timeline_svg(const std::vector<TimelineBar>& bars);

// A Markdown summary for CI job pages ($GITHUB_STEP_SUMMARY): the counts, then each case that
// failed or errored with its cause and, folded, its differences, journals and log; then a
// compact table of every case, worst first.
[[nodiscard]] std::string markdown_summary(const SuiteReport& report);

}  // namespace ctrlab::reports
