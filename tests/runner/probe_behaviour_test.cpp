// The probe as a container's init under the real module units, real systemd-nspawn and a real
// systemd: each behaviour of the scenario's probe section, and what systemd reports for it.
#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "shared_runner.hpp"

namespace ctrlab::runner {
namespace {

struct Outcome {
  oracle::Expectation expected;
  ScenarioRun run;

  [[nodiscard]] const oracle::ContainerObservation& container() const { return run.observation.containers.at("probe"); }
  [[nodiscard]] const oracle::UnitHistory& history() const { return *container().unit_history; }
  [[nodiscard]] const std::vector<probe::BootReport>& boots() const { return run.probe_reports.at("probe"); }
  [[nodiscard]] std::string final_state() const {
    return history().changes.back().active_state + "/" + history().changes.back().sub_state;
  }
};

// One container "probe" whose init behaves as `boots` says, under revision 2022.
Outcome run_probe(const std::string& boots, const std::string& options = "") {
  const auto scenario = oracle::parse_scenario_file(R"({"containers": {"probe": {)" + options +
                                                    R"("path": "/nix/var/nix/profiles/per-container/probe"}},
      "probe": {"probe": {"boots": )" + boots + "}}}");
  Outcome outcome{suite::expect(scenario, oracle::Revision::r2022), {}};
  outcome.run = testing::shared_runner().run(outcome.expected);
  for (const auto& problem : outcome.run.problems) BOOST_TEST_MESSAGE("problem: " << problem);
  for (const auto& change : outcome.history().changes) {
    BOOST_TEST_MESSAGE(change.at / 1000 << " ms " << change.active_state << "/" << change.sub_state);
  }
  BOOST_TEST(outcome.run.problems.empty());
  return outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_behaviour)

BOOST_AUTO_TEST_CASE(an_init_that_stays_up_makes_the_unit_active_with_the_predicted_argv) {
  const auto outcome = run_probe(R"([{"action": "stay-up"}])");
  BOOST_TEST(outcome.final_state() == "active/running");
  BOOST_TEST(outcome.history().result == "success");
  BOOST_TEST(outcome.history().n_restarts == 0U);
  BOOST_TEST(outcome.history().active_enter.has_value());
  BOOST_REQUIRE(outcome.container().nspawn_argv.has_value());
  BOOST_TEST(*outcome.container().nspawn_argv == outcome.expected.rendering.containers.at("probe").nspawnArgv,
             boost::test_tools::per_element());
  BOOST_REQUIRE(outcome.boots().size() == 1U);
  BOOST_TEST(outcome.boots().front().pid == 1);  // the container's PID 1, as nspawn requires for READY=1
  BOOST_TEST(outcome.boots().front().ready_sent);
  BOOST_TEST(outcome.boots().front().environment.at("NOTIFY_SOCKET") == "/run/host/notify");
  BOOST_TEST(outcome.container().unit_properties->at("Type") == "notify");
}

BOOST_AUTO_TEST_CASE(an_init_exiting_7_is_restarted_until_the_start_limit) {
  const auto outcome = run_probe(R"([{"action": "exit", "code": 7, "afterMs": 50}])");
  BOOST_TEST(outcome.final_state() == "failed/failed");
  BOOST_TEST(outcome.history().result == "exit-code");
  BOOST_TEST(outcome.history().exec_main_code == "exited");
  BOOST_TEST(outcome.history().exec_main_status == 7);  // nspawn passes the init's status on
  BOOST_TEST(outcome.history().n_restarts == 5U);       // counted, the 5th then refused by the start limit
  BOOST_TEST(outcome.boots().size() == 5U);
}

BOOST_AUTO_TEST_CASE(an_init_exiting_133_makes_nspawn_exit_1) {
  const auto outcome = run_probe(R"([{"action": "exit", "code": 133, "afterMs": 50}])");
  BOOST_TEST(outcome.final_state() == "failed/failed");
  BOOST_TEST(outcome.history().result == "exit-code");
  BOOST_TEST(outcome.history().exec_main_status == 1);  // 133 is reserved by nspawn for "reboot"
  BOOST_TEST(outcome.history().n_restarts == 5U);
}

BOOST_AUTO_TEST_CASE(a_reboot_makes_nspawn_exit_133_and_systemd_restart_the_unit) {
  const auto outcome = run_probe(R"([{"action": "reboot", "afterMs": 50}, {"action": "stay-up"}])");
  BOOST_TEST(outcome.final_state() == "active/running");
  BOOST_TEST(outcome.history().result == "success");  // 133 is in SuccessExitStatus
  BOOST_TEST(outcome.history().n_restarts == 1U);     // and in RestartForceExitStatus
  BOOST_TEST(outcome.boots().size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_power_off_makes_nspawn_exit_0_and_the_unit_stop_for_good) {
  const auto outcome = run_probe(R"([{"action": "poweroff", "afterMs": 50}])");
  BOOST_TEST(outcome.final_state() == "inactive/dead");
  BOOST_TEST(outcome.history().result == "success");
  BOOST_TEST(outcome.history().exec_main_code == "exited");
  BOOST_TEST(outcome.history().exec_main_status == 0);
  BOOST_TEST(outcome.history().n_restarts == 0U);
  BOOST_TEST(outcome.boots().size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_init_that_never_signals_ready_is_killed_after_timeout_start_sec) {
  const auto outcome = run_probe(R"([{"action": "hang-before-ready"}, {"action": "stay-up"}])",
                                 R"("timeoutStartSec": "1s", )");
  BOOST_TEST(outcome.final_state() == "active/running");
  BOOST_TEST(outcome.history().n_restarts == 1U);
  BOOST_REQUIRE(outcome.boots().size() == 2U);
  BOOST_TEST(!outcome.boots().front().ready_sent);
  BOOST_TEST(outcome.boots().back().ready_sent);
  // The first start ends in a timeout: activating for a second, then the restart.
  const auto& changes = outcome.history().changes;
  const auto timed_out = std::find_if(changes.begin(), changes.end(), [](const auto& c) { return c.sub_state == "auto-restart"; });
  BOOST_REQUIRE(timed_out != changes.end());
  BOOST_TEST(timed_out->at >= 1'000'000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
