#include <set>
#include <string>
#include <utility>

#include "ctrlab/reports/formats.hpp"
#include "diff_text.hpp"
#include "markup.hpp"

// JUnit XML within the Jenkins xUnit plugin's junit-10.xsd, the strictest schema CI servers
// hold it to: a testcase has only name, classname and time, and no properties; the suite
// carries what is the same for every case (ctrlab's version, the sandbox adaptations).
namespace ctrlab::reports {
namespace {

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + escape_markup(value) + "\"";
}

std::string counts_attributes(const SuiteCounts& counts) {
  return attribute("tests", std::to_string(counts.total())) + attribute("failures", std::to_string(counts.failed)) +
         attribute("errors", std::to_string(counts.errors));
}

std::string property(std::string_view name, std::string_view value) {
  return "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
}

// Each adaptation once, in the order the cases first show it.
std::string suite_properties(const SuiteReport& report) {
  std::string xml = "    <properties>\n";
  if (!report.ctrlab_version.empty()) xml += property("ctrlab-version", report.ctrlab_version);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& c : report.cases) {
    for (const auto& a : c.adaptations) {
      if (seen.emplace(a.what, a.why).second) xml += property("sandbox-adaptation", a.what + " (" + a.why + ")");
    }
  }
  return xml + "    </properties>\n";
}

std::string outcome_element(const CaseReport& c) {
  switch (c.status) {
    case CaseStatus::passed: return {};
    case CaseStatus::failed:
      return "      <failure" + attribute("message", c.cause) + attribute("type", "mismatch") + ">" +
             escape_markup(failing_aspects_text(c)) + "</failure>\n";
    case CaseStatus::error: return "      <error" + attribute("message", c.cause) + attribute("type", "error") + "/>\n";
    case CaseStatus::skipped: return "      <skipped" + attribute("message", c.cause) + "/>\n";
  }
  return {};
}

// The prediction's warnings for every case; the cause, the journals and the runner's log for
// a case that did not pass (GitLab and GitHub show a case's system-out beside it).
std::string system_out(const CaseReport& c) {
  std::string text;
  for (const auto& warning : c.warnings) text += "warning: " + warning + "\n";
  if (c.status != CaseStatus::passed) {
    if (!c.cause.empty()) text += "cause: " + c.cause + "\n";
    text += journal_and_log_text(c);
  }
  if (text.empty()) return {};
  return "      <system-out>" + escape_markup(text) + "</system-out>\n";
}

std::string testcase(const CaseReport& c) {
  return "    <testcase" + attribute("classname", "ctrlab." + c.scenario) + attribute("name", c.label()) +
         attribute("time", format_seconds(c.seconds)) + ">\n" + outcome_element(c) + system_out(c) + "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const SuiteReport& report) {
  const auto counts = count_cases(report);
  const auto time = attribute("time", format_seconds(total_seconds(report)));
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + attribute("name", report.name) + counts_attributes(counts) + time + ">\n";
  xml += "  <testsuite" + attribute("name", report.name) + counts_attributes(counts) +
         attribute("skipped", std::to_string(counts.skipped)) + time;
  if (!report.timestamp.empty()) xml += attribute("timestamp", report.timestamp);
  if (!report.hostname.empty()) xml += attribute("hostname", report.hostname);
  xml += ">\n" + suite_properties(report);
  for (const auto& c : report.cases) xml += testcase(c);
  return xml + "  </testsuite>\n</testsuites>\n";
}

}  // namespace ctrlab::reports
