#include <string>

#include "ctrlab/reports/formats.hpp"
#include "diff_text.hpp"
#include "markup.hpp"

namespace ctrlab::reports {

std::string markdown_summary(const SuiteReport& report) {
  const auto counts = count_cases(report);
  std::string md = "## " + report.name + "\n\n";
  md += std::to_string(counts.passed) + " passed, " + std::to_string(counts.failed) + " failed, " +
        std::to_string(counts.errors) + " errors, " + std::to_string(counts.skipped) + " skipped in " +
        format_seconds(total_seconds(report)) + " s\n";
  for (const auto& c : report.cases) {
    const bool quiet = c.status == CaseStatus::passed || c.status == CaseStatus::skipped;
    if (quiet && c.warnings.empty()) continue;
    md += "\n### " + c.scenario + " [" + c.revision + "]: " + std::string(to_string(c.status)) + "\n\n";
    for (const auto& warning : c.warnings) md += "- warning: " + escape_markdown_cell(warning) + "\n";
    if (quiet) continue;
    if (!c.warnings.empty()) md += "\n";
    if (c.status == CaseStatus::error) {
      md += c.message + "\n";
      continue;
    }
    md += "| aspect | kind | field | predicted | observed |\n|---|---|---|---|---|\n";
    for (const auto& a : c.aspects) {
      if (!a.failed()) continue;
      if (a.differences.empty()) md += "| " + escape_markdown_cell(a.aspect) + " | | | " + escape_markdown_cell(a.summary) + " | |\n";
      for (const auto& d : a.differences) {
        md += "| " + escape_markdown_cell(a.aspect) + " | " + std::string(oracle::to_string(d.kind)) + " | `" +
              escape_markdown_cell(d.place()) + "` | " + escape_markdown_cell(oracle::Difference::shown(d.predicted)) + " | " +
              escape_markdown_cell(oracle::Difference::shown(d.observed)) + " |\n";
      }
    }
  }
  return md;
}

}  // namespace ctrlab::reports
