#include "diff_text.hpp"

#include <sstream>

namespace ctrlab::reports {
namespace {

std::string indented(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += "  " + line + "\n";
  return out;
}

}  // namespace

std::string failing_aspects_text(const CaseReport& report) {
  std::string text;
  for (const auto& aspect : report.aspects) {
    if (!aspect.failed()) continue;
    text += aspect.aspect + ": " + aspect.summary + "\n";
    for (const auto& difference : aspect.differences) text += "  " + difference.text() + "\n";
  }
  return text;
}

std::string journal_and_log_text(const CaseReport& report) {
  std::string text;
  for (const auto& excerpt : report.journal) text += "journal of " + excerpt.unit + ":\n" + indented(excerpt.text);
  if (!report.log.empty()) text += "runner's log:\n";
  for (const auto& line : report.log) text += "  " + line + "\n";
  return text;
}

}  // namespace ctrlab::reports
