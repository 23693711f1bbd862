// Histories for the project's own scenarios, from the oracle's real prediction: what
// `ctrlab run` will hold the sandbox host's observations against.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/unit_outcome.hpp"
#include "ctrlab/sim/timeline.hpp"
#include "project_scenarios.hpp"

using namespace ctrlab;
using namespace std::chrono_literals;

namespace {

std::map<std::string, oracle::UnitHistory> histories(const std::string& path, oracle::Revision revision) {
  const auto parsed = sim_test::project_scenario(path);
  sim::ScenarioTimelineOptions options;
  options.observe_for = 60s;
  return sim::predict_unit_histories(oracle::predict(parsed, revision), parsed.probes, options);
}

std::vector<std::string> strings(std::initializer_list<const char*> items) {
  return std::vector<std::string>(items.begin(), items.end());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_timelines)

// How the runner's stop ends: 2021 on, SIGTERM makes nspawn halt the container and exit 0; 2018's
// SIGWINCH is ignored, so the runner SIGKILLs at once (a host would wait TimeoutStopSec=).
BOOST_AUTO_TEST_CASE(a_stop_ends_gracefully_from_2021_and_by_the_runners_sigkill_in_2018) {
  const auto parsed = sim_test::project_scenario("scenarios/examples/veth.json");
  for (const auto revision : {oracle::Revision::r2018, oracle::Revision::r2022}) {
    const auto prediction = oracle::predict(parsed, revision);
    const auto effects = oracle::predict_effects(prediction, oracle::host_network_of(parsed.host));
    const auto outcomes = sim::predict_stop_outcomes(prediction, effects, parsed.probes);
    BOOST_REQUIRE(outcomes.size() == 1U);
    const auto& outcome = outcomes.begin()->second;
    if (revision == oracle::Revision::r2018) {
      BOOST_TEST(outcome.active_state == "failed");
      BOOST_TEST(outcome.result == "signal");
      BOOST_TEST(outcome.exec_main_code == "killed");
      BOOST_TEST(outcome.exec_main_status == 9);
      BOOST_TEST(outcome.shortened_wait.value_or("") == "TimeoutStopSec=90s");
    } else {
      BOOST_TEST(outcome.active_state == "inactive");
      BOOST_TEST(outcome.sub_state == "dead");
      BOOST_TEST(outcome.result == "success");
      BOOST_TEST(outcome.exec_main_status == 0);
      BOOST_TEST(!outcome.shortened_wait.has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(restart_scenario_under_every_revision_that_has_it) {
  for (const auto revision : {oracle::Revision::r2018, oracle::Revision::r2021, oracle::Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << oracle::to_string(revision)) {
      const auto all = histories("scenarios/nixos-tests/restart.json", revision);
      BOOST_TEST_REQUIRE(all.size() == 3U);

      const auto exits = oracle::exact_outcome(all.at("exits"));
      BOOST_TEST(exits.result == "exit-code");
      BOOST_TEST(exits.n_restarts == 5U);
      BOOST_TEST(exits.exec_main_status == 7);
      // Five runs, each: ... active, deactivating (STOPPING=1), failed, activating
      // (auto-restart), inactive (the restart job); the sixth start is refused: failed.
      const std::vector<std::string> run = {"activating", "active", "deactivating", "failed", "activating",
                                            "inactive"};
      std::vector<std::string> expected = {"inactive"};
      for (int i = 0; i < 5; ++i) expected.insert(expected.end(), run.begin(), run.end());
      expected.push_back("failed");
      BOOST_TEST(exits.active_states == expected, boost::test_tools::per_element());

      const auto reboots = oracle::exact_outcome(all.at("reboots"));
      BOOST_TEST(reboots.n_restarts == 1U);
      BOOST_TEST(reboots.result == "success");
      // As systemd 252 in the sandbox host was seen to publish them.
      BOOST_TEST(reboots.active_states == strings({"inactive", "activating", "active", "deactivating", "inactive",
                                                   "activating", "inactive", "activating", "active"}),
                 boost::test_tools::per_element());

      const auto poweroff = oracle::exact_outcome(all.at("poweroff"));
      BOOST_TEST(poweroff.n_restarts == 0U);
      BOOST_TEST(poweroff.result == "success");
      BOOST_TEST(poweroff.exec_main_code == "exited");
      BOOST_TEST(poweroff.exec_main_status == 0);
      BOOST_TEST(poweroff.active_states == strings({"inactive", "activating", "active", "deactivating", "inactive"}),
                 boost::test_tools::per_element());
      BOOST_TEST(all.at("poweroff").unit == "container@poweroff.service");
    }
  }
}

BOOST_AUTO_TEST_CASE(timeout_scenario_restarts_once_and_is_ready_on_the_second_boot) {
  for (const auto revision : {oracle::Revision::r2021, oracle::Revision::r2022}) {
    const auto history = histories("scenarios/options/timeout-start-sec.json", revision).at("slow");
    const auto outcome = oracle::exact_outcome(history);
    BOOST_TEST(outcome.n_restarts == 1U);
    BOOST_TEST(outcome.active_states == strings({"inactive", "activating", "deactivating", "failed", "activating",
                                                 "inactive", "activating", "active"}),
               boost::test_tools::per_element());
    // timeoutStartSec = "2s": the first boot is stopped 2 s after nspawn started.
    const auto& changes = history.changes;
    const auto start = std::find_if(changes.begin(), changes.end(), [](const auto& c) { return c.sub_state == "start"; });
    const auto stop = std::find_if(changes.begin(), changes.end(), [](const auto& c) { return c.sub_state == "stop-sigterm"; });
    BOOST_TEST_REQUIRE((start != changes.end() && stop != changes.end()));
    BOOST_TEST(stop->at - start->at == 2'000'000);
  }
}

BOOST_AUTO_TEST_CASE(an_init_that_exits_before_ready_fails_every_start_until_the_start_limit) {
  for (const auto revision : {oracle::Revision::r2021, oracle::Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << oracle::to_string(revision)) {
      const auto outcome = oracle::exact_outcome(histories("scenarios/examples/init-readiness.json", revision).at("early"));
      // nspawn exits 3 with its init; never active: start, failed, restart, five times, then the limit.
      std::vector<std::string> expected = {"inactive"};
      for (int start = 0; start < 5; ++start) expected.insert(expected.end(), {"activating", "failed", "activating", "inactive"});
      expected.emplace_back("failed");
      BOOST_TEST(outcome.active_states == expected, boost::test_tools::per_element());
      BOOST_TEST(outcome.result == "exit-code");
      BOOST_TEST(outcome.n_restarts == 5U);
      BOOST_TEST(outcome.exec_main_code == "exited");
      BOOST_TEST(outcome.exec_main_status == 3);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_ready_sent_by_a_child_is_no_ready_at_all) {
  for (const auto revision : {oracle::Revision::r2021, oracle::Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << oracle::to_string(revision)) {
      const auto outcome = oracle::exact_outcome(histories("scenarios/examples/init-readiness.json", revision).at("helper"));
      // The 2 s start timeout stops the first boot; the second says READY=1 itself.
      BOOST_TEST(outcome.active_states == strings({"inactive", "activating", "deactivating", "failed", "activating",
                                                   "inactive", "activating", "active"}),
                 boost::test_tools::per_element());
      BOOST_TEST(outcome.n_restarts == 1U);
    }
  }
}

BOOST_AUTO_TEST_CASE(containers_without_a_probe_script_stay_up) {
  const auto all = histories("scenarios/nixos-tests/bridge.json", oracle::Revision::r2022);
  BOOST_TEST_REQUIRE(!all.empty());
  for (const auto& [name, history] : all) {
    BOOST_TEST(history.changes.back().sub_state == "running", name);
  }
}

BOOST_AUTO_TEST_SUITE_END()
