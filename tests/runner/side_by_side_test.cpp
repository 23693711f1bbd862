// run_suite with sandboxes side by side, for real: a sandbox that does not boot leaves its
// cases to the one that does (`ctrlab run --jobs N` then reports every case as with one).
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <sstream>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/tools.hpp"
#include "ctrlab/suite/suite.hpp"
#include "host_state.hpp"

namespace ctrlab::runner {
namespace {

oracle::Scenario steady_scenario() {
  std::ifstream in(std::filesystem::path(CTRLAB_SOURCE_DIR) / "tests/runner/scenarios/steady.json");
  std::stringstream text;
  text << in.rdbuf();
  return oracle::parse_scenario_file(text.str());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(side_by_side)

BOOST_AUTO_TEST_CASE(a_sandbox_that_does_not_boot_leaves_its_cases_to_the_other) {
  std::atomic<int> boots{0};
  const suite::BootSandbox boot_all_but_the_first = [&]() -> std::unique_ptr<Sandbox> {
    if (boots++ == 0) throw RunnerError("boot sandbox", "refused by the test");
    SandboxOptions options;
    options.tools = {tools::locate(tools::probe_program), tools::locate(tools::commands_program)};
    return std::make_unique<Sandbox>(options);
  };
  const std::vector<suite::Case> cases = {{"steady", steady_scenario(), oracle::Revision::r2022},
                                          {"steady-again", steady_scenario(), oracle::Revision::r2022},
                                          {"steady-once-more", steady_scenario(), oracle::Revision::r2022}};
  const auto run = suite::run_suite(boot_all_but_the_first, 2, cases, {});
  BOOST_TEST(boots.load() == 2);
  BOOST_REQUIRE(run.sandboxes_not_booted.size() == 1U);
  BOOST_TEST(run.sandboxes_not_booted.front().find("refused by the test") != std::string::npos);
  BOOST_REQUIRE(run.report.cases.size() == 3U);
  for (const auto& c : run.report.cases) BOOST_TEST((c.status == reports::CaseStatus::passed), c.scenario);
  BOOST_TEST(run.not_passed == 0U);
  testing::require_nothing_left();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
