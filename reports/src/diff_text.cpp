#include "diff_text.hpp"

namespace ctrlab::reports {
std::string failing_aspects_text(const CaseReport& report) {
  std::string text;
  for (const auto& aspect : report.aspects) {
    if (!aspect.failed()) continue;
    text += aspect.aspect + ": " + aspect.summary + "\n";
    for (const auto& difference : aspect.differences) text += "  " + difference.text() + "\n";
  }
  return text;
}

std::string failure_headline(const CaseReport& report) {
  std::string headline;
  for (const auto& aspect : report.aspects) {
    if (!aspect.failed()) continue;
    if (!headline.empty()) headline += "; ";
    headline += aspect.aspect + ": " + aspect.summary;
  }
  return headline.empty() ? report.message : headline;
}

}  // namespace ctrlab::reports
