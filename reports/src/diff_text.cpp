#include "diff_text.hpp"

namespace ctrlab::reports {
namespace {

std::string shown(const std::string& value) { return value.empty() ? "(absent)" : value; }

}  // namespace

std::string diff_line(const DiffRow& row) {
  std::string line = row.kind;
  line.resize(std::max<std::size_t>(line.size() + 1, 11), ' ');
  line += row.field + ": ";
  if (row.kind == "missing") return line + "predicted " + shown(row.predicted) + ", not observed";
  if (row.kind == "unexpected") return line + "observed " + shown(row.observed) + ", not predicted";
  return line + shown(row.predicted) + " -> " + shown(row.observed);
}

std::string failing_aspects_text(const CaseReport& report) {
  std::string text;
  for (const auto& aspect : report.aspects) {
    if (aspect.passed) continue;
    text += aspect.aspect + ": " + aspect.summary + "\n";
    for (const auto& row : aspect.diffs) text += "  " + diff_line(row) + "\n";
  }
  return text;
}

std::string failure_headline(const CaseReport& report) {
  std::string headline;
  for (const auto& aspect : report.aspects) {
    if (aspect.passed) continue;
    if (!headline.empty()) headline += "; ";
    headline += aspect.aspect + ": " + aspect.summary;
  }
  return headline.empty() ? report.message : headline;
}

}  // namespace ctrlab::reports
