#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "ctrlab/reports/suite_report.hpp"

// The output formats. Each is a pure function of the report; the caller writes the files.
namespace ctrlab::reports {

// JUnit XML as CI servers read it: one <testsuite>, one <testcase> per (scenario, revision),
// a <failure> holding the readable diff, adaptations as <properties>.
[[nodiscard]] std::string junit_xml(const SuiteReport& report);

// The complete report as JSON; suite_from_json reads it back (for merging shards).
[[nodiscard]] nlohmann::json to_json(const SuiteReport& report);

// A shard that is not a report: names the JSON path and what was expected there.
struct ReportError : std::runtime_error {
  ReportError(std::string json_path, const std::string& expected);
  std::string json_path;
};
[[nodiscard]] SuiteReport suite_from_json(const nlohmann::json& json);

// One report from the shards of a suite: cases concatenated in scenario/revision order; a case
// present in two shards is an error, since a suite runs each case once.
[[nodiscard]] SuiteReport merge_shards(const std::vector<SuiteReport>& shards);

// A self-contained HTML page: summary, one diff table per failing aspect, adaptations beside
// the verdicts, and the startup timeline of every case that has one. Well-formed as XML too
// (after its doctype), so that tools and tests can read it as a tree.
[[nodiscard]] std::string html_page(const SuiteReport& report);

// The startup timeline as an SVG element: one row per unit, observed and predicted bars.
[[nodiscard]] std::string timeline_svg(const std::vector<TimelineBar>& bars);

// A short Markdown summary for CI job pages: counts, then each failure with its diffs.
[[nodiscard]] std::string markdown_summary(const SuiteReport& report);

}  // namespace ctrlab::reports
