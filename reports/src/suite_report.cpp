#include "ctrlab/reports/suite_report.hpp"

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

}  // namespace ctrlab::reports
