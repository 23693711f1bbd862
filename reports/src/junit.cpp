#include <string>

#include "ctrlab/reports/formats.hpp"
#include "diff_text.hpp"
#include "markup.hpp"

namespace ctrlab::reports {
namespace {

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + escape_markup(value) + "\"";
}

std::string counts_attributes(const SuiteReport& report) {
  const auto counts = count_cases(report);
  return attribute("tests", std::to_string(counts.total())) + attribute("failures", std::to_string(counts.failed)) +
         attribute("errors", std::to_string(counts.errors)) + attribute("skipped", std::to_string(counts.skipped)) +
         attribute("time", format_seconds(total_seconds(report)));
}

// Sandbox adaptations and the prediction's warnings: shown with the case, never failures.
std::string properties(const CaseReport& c) {
  if (c.adaptations.empty() && c.warnings.empty()) return {};
  std::string xml = "      <properties>\n";
  for (const auto& a : c.adaptations) {
    xml += "        <property" + attribute("name", "sandbox-adaptation") + attribute("value", a.what + " (" + a.why + ")") +
           "/>\n";
  }
  for (const auto& warning : c.warnings) {
    xml += "        <property" + attribute("name", "prediction-warning") + attribute("value", warning) + "/>\n";
  }
  return xml + "      </properties>\n";
}

std::string outcome_element(const CaseReport& c) {
  switch (c.status) {
    case CaseStatus::passed: return {};
    case CaseStatus::failed:
      return "      <failure" + attribute("message", failure_headline(c)) + attribute("type", "mismatch") + ">" +
             escape_markup(failing_aspects_text(c)) + "</failure>\n";
    case CaseStatus::error:
      return "      <error" + attribute("message", c.message) + attribute("type", "error") + "/>\n";
    case CaseStatus::skipped: return "      <skipped" + attribute("message", c.message) + "/>\n";
  }
  return {};
}

std::string testcase(const CaseReport& c) {
  std::string xml = "    <testcase" + attribute("classname", "ctrlab." + c.scenario) +
                    attribute("name", c.scenario + " [" + c.revision + "]") + attribute("time", format_seconds(c.seconds)) +
                    ">\n";
  xml += properties(c);
  xml += outcome_element(c);
  return xml + "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const SuiteReport& report) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + attribute("name", report.name) + counts_attributes(report) + ">\n";
  xml += "  <testsuite" + attribute("name", report.name) + counts_attributes(report);
  if (!report.timestamp.empty()) xml += attribute("timestamp", report.timestamp);
  if (!report.hostname.empty()) xml += attribute("hostname", report.hostname);
  xml += ">\n";
  for (const auto& c : report.cases) xml += testcase(c);
  return xml + "  </testsuite>\n</testsuites>\n";
}

}  // namespace ctrlab::reports
