#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "ctrlab/suite/suite.hpp"

namespace ctrlab::suite {
namespace {

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::ostringstream text;
  text << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return text.str();
}

std::string host_name() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

}  // namespace

SuiteRun run_suite(runner::ScenarioRunner& runner, const std::vector<Case>& cases, const runner::ScenarioRunOptions& options,
                   const SuiteProgress& progress, const std::vector<reports::CaseReport>& unreadable) {
  SuiteRun suite{{"ctrlab run", now_iso8601(), host_name(), "", unreadable}, unreadable.size()};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (progress.case_started) progress.case_started(i, cases.size(), cases[i]);
    auto outcome = run_case(runner, cases[i], options);
    if (!outcome.passed) ++suite.not_passed;
    if (progress.case_finished) progress.case_finished(i, cases.size(), cases[i], outcome);
    suite.report.cases.push_back(std::move(outcome.report));
  }
  std::stable_sort(suite.report.cases.begin(), suite.report.cases.end(), reports::canonical_order);
  return suite;
}

}  // namespace ctrlab::suite
