#include <algorithm>
#include <string>

#include "ctrlab/reports/formats.hpp"
#include "diff_text.hpp"
#include "markup.hpp"

// Markdown for a CI job's page ($GITHUB_STEP_SUMMARY, a merge request note): GitHub's
// flavour of CommonMark, with its tables and <details>; every value escaped (markup.hpp).
namespace ctrlab::reports {
namespace {

std::string counts_line(const SuiteReport& report) {
  const auto counts = count_cases(report);
  const auto not_passed = counts.failed + counts.errors;
  std::string line = not_passed == 0 ? std::string("**No case failed**")
                                     : "**" + std::to_string(not_passed) + " of " + std::to_string(counts.total()) +
                                           " cases did not pass**";
  return line + ": " + std::to_string(counts.passed) + " passed, " + std::to_string(counts.failed) + " failed, " +
         std::to_string(counts.errors) + " errors, " + std::to_string(counts.skipped) + " skipped in " +
         format_seconds(total_seconds(report)) + " s\n";
}

std::string folded(const std::string& summary, const std::string& body) {
  return "<details><summary>" + escape_markup(summary) + "</summary>\n\n" + body + "\n</details>\n\n";
}

std::string differences_table(const CaseReport& c) {
  std::string md = "| aspect | kind | where | predicted | observed |\n|---|---|---|---|---|\n";
  for (const auto& a : c.aspects) {
    if (!a.failed()) continue;
    if (a.differences.empty()) md += "| " + markdown_text(a.aspect) + " | | | " + markdown_text(a.summary) + " | |\n";
    for (const auto& d : a.differences) {
      md += "| " + markdown_text(a.aspect) + " | " + std::string(oracle::to_string(d.kind)) + " | " +
            markdown_code(d.place()) + " | " + markdown_code(oracle::Difference::shown(d.predicted)) + " | " +
            markdown_code(oracle::Difference::shown(d.observed)) + " |\n";
    }
  }
  return md;
}

std::size_t difference_count(const CaseReport& c) {
  std::size_t count = 0;
  for (const auto& a : c.aspects) count += a.failed() ? std::max<std::size_t>(1, a.differences.size()) : 0;
  return count;
}

// A case that did not pass: its cause, then folded: what differs, the journals and the log.
std::string not_passed_section(const CaseReport& c) {
  std::string md = "### " + markdown_text(c.label()) + ": " + std::string(to_string(c.status)) + "\n\n";
  md += "**Cause:** " + markdown_text(c.cause.empty() ? "(not known)" : c.cause) + "\n\n";
  for (const auto& warning : c.warnings) md += "- warning: " + markdown_text(warning) + "\n";
  if (!c.warnings.empty()) md += "\n";
  if (const auto count = difference_count(c)) {
    md += folded("What differs (" + std::to_string(count) + ")", differences_table(c));
  }
  if (const auto text = journal_and_log_text(c); !text.empty()) md += folded("Journal and runner log", markdown_code_block(text));
  return md;
}

std::string all_cases_table(const SuiteReport& report) {
  std::string md = "| case | revision | status | seconds | warnings |\n|---|---|---|---:|---:|\n";
  for (const CaseReport* c : worst_first(report)) {
    md += "| " + markdown_text(c->scenario) + " | " + c->revision + " | " + std::string(to_string(c->status)) + " | " +
          format_seconds(c->seconds) + " | " + (c->warnings.empty() ? "" : std::to_string(c->warnings.size())) + " |\n";
  }
  return md;
}

}  // namespace

std::string markdown_summary(const SuiteReport& report) {
  std::string md = "## " + markdown_text(report.name) + "\n\n" + counts_line(report) + "\n";
  std::string passed_with_warnings;
  for (const CaseReport* c : worst_first(report)) {
    if (c->status == CaseStatus::failed || c->status == CaseStatus::error) {
      md += not_passed_section(*c);
    } else {
      for (const auto& warning : c->warnings) {
        passed_with_warnings += "- " + markdown_text(c->label()) + ": " + markdown_text(warning) + "\n";
      }
    }
  }
  if (!passed_with_warnings.empty()) md += "### Warnings of the prediction\n\n" + passed_with_warnings + "\n";
  return md + "### All cases\n\n" + all_cases_table(report);
}

}  // namespace ctrlab::reports
