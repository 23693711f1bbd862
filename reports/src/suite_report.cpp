#include "ctrlab/reports/suite_report.hpp"

#include <algorithm>
#include <tuple>

namespace ctrlab::reports {

SuiteCounts count_cases(const SuiteReport& report) {
  SuiteCounts counts;
  for (const auto& c : report.cases) {
    switch (c.status) {
      case CaseStatus::passed: ++counts.passed; break;
      case CaseStatus::failed: ++counts.failed; break;
      case CaseStatus::error: ++counts.errors; break;
      case CaseStatus::skipped: ++counts.skipped; break;
    }
  }
  return counts;
}

double total_seconds(const SuiteReport& report) {
  double sum = 0;
  for (const auto& c : report.cases) sum += c.seconds;
  return sum;
}

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::passed: return "passed";
    case CaseStatus::failed: return "failed";
    case CaseStatus::error: return "error";
    case CaseStatus::skipped: return "skipped";
  }
  return "unknown";
}

std::string CaseReport::label() const { return revision.empty() ? scenario : scenario + " [" + revision + "]"; }

bool canonical_order(const CaseReport& a, const CaseReport& b) {
  return std::tie(a.scenario, a.revision) < std::tie(b.scenario, b.revision);
}

std::vector<const CaseReport*> worst_first(const SuiteReport& report) {
  const auto rank = [](CaseStatus status) {
    switch (status) {
      case CaseStatus::failed: return 0;
      case CaseStatus::error: return 1;
      case CaseStatus::skipped: return 2;
      case CaseStatus::passed: break;
    }
    return 3;
  };
  std::vector<const CaseReport*> cases;
  for (const auto& c : report.cases) cases.push_back(&c);
  std::stable_sort(cases.begin(), cases.end(), [&](const CaseReport* a, const CaseReport* b) {
    if (rank(a->status) != rank(b->status)) return rank(a->status) < rank(b->status);
    return canonical_order(*a, *b);
  });
  return cases;
}

}  // namespace ctrlab::reports
