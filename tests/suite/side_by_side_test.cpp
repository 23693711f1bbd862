// How run_suite deals a suite's cases to sandboxes side by side (`ctrlab run --jobs N`): the
// order of the queue, and a run whose sandboxes all fail to boot. What needs a sandbox that
// boots is in tests/runner/ctrlab_run_test.cpp.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "case_queue.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/suite/suite.hpp"

namespace ctrlab::suite {
namespace {

oracle::Scenario project_scenario(const std::string& name) {
  std::ifstream in(std::filesystem::path(CTRLAB_SOURCE_DIR) / "scenarios" / (name + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  return oracle::parse_scenario_file(text.str());
}

// A short case first, then two that wait for what they test: a restart loop until the start
// limit, and a start timeout.
std::vector<Case> short_then_long() {
  return {{"nixos-tests/bridge", project_scenario("nixos-tests/bridge"), oracle::Revision::r2022},
          {"options/timeout-start-sec", project_scenario("options/timeout-start-sec"), oracle::Revision::r2022},
          {"nixos-tests/restart", project_scenario("nixos-tests/restart"), oracle::Revision::r2022}};
}

std::vector<std::string> handed_out(CaseQueue& queue) {
  std::vector<std::string> names;
  while (const auto entry = queue.take()) names.push_back(entry->c->name);
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(side_by_side)

BOOST_AUTO_TEST_CASE(the_queue_hands_out_the_longest_expected_first_or_in_the_given_order) {
  const auto cases = short_then_long();
  CaseQueue longest_first(cases, CaseQueue::Order::longest_expected_first);
  BOOST_TEST(handed_out(longest_first) ==
                 (std::vector<std::string>{"nixos-tests/restart", "options/timeout-start-sec", "nixos-tests/bridge"}),
             boost::test_tools::per_element());
  BOOST_TEST(longest_first.empty());
  CaseQueue given(cases, CaseQueue::Order::given);
  BOOST_TEST(handed_out(given) ==
                 (std::vector<std::string>{"nixos-tests/bridge", "options/timeout-start-sec", "nixos-tests/restart"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_closed_queue_hands_out_nothing_more) {
  const auto cases = short_then_long();
  CaseQueue queue(cases, CaseQueue::Order::given);
  BOOST_TEST(queue.take().has_value());
  queue.close();
  BOOST_TEST(!queue.take().has_value());
  BOOST_TEST(queue.empty());
}

// No hang and no report of cases nobody ran: the first sandbox's error, as with one sandbox
// (`ctrlab run` exits 3 with it). Every sandbox was tried, each in its own thread.
BOOST_AUTO_TEST_CASE(when_no_sandbox_boots_the_first_error_is_thrown) {
  std::atomic<int> boots{0};
  const BootSandbox refuse = [&]() -> std::unique_ptr<runner::Sandbox> {
    throw runner::RunnerError("boot sandbox " + std::to_string(++boots), "refused by the test");
  };
  const auto cases = short_then_long();
  BOOST_CHECK_EXCEPTION((void)run_suite(refuse, 3, cases, {}), runner::RunnerError, [](const runner::RunnerError& error) {
    return std::string(error.what()).find("refused by the test") != std::string::npos;
  });
  BOOST_TEST(boots.load() == 3);
}

// Nothing to run, nothing booted: the report holds the scenarios that did not parse alone.
BOOST_AUTO_TEST_CASE(a_suite_without_cases_boots_no_sandbox) {
  std::atomic<int> boots{0};
  const BootSandbox count = [&]() -> std::unique_ptr<runner::Sandbox> {
    ++boots;
    throw runner::RunnerError("boot sandbox", "not expected");
  };
  const auto suite = run_suite(count, 2, {}, {}, {}, {unreadable_scenario("broken", "$.containers: not an object")});
  BOOST_TEST(boots.load() == 0);
  BOOST_TEST(suite.report.cases.size() == 1U);
  BOOST_TEST(suite.not_passed == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::suite
