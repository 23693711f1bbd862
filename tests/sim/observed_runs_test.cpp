// Histories the sandbox host really showed (`ctrlab run`, systemd 252 and its nspawn), and the
// model that must reproduce them: the oracle's rendering and network effects, then the sim.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/unit_outcome.hpp"
#include "ctrlab/sim/timeline.hpp"
#include "project_scenarios.hpp"

using namespace ctrlab;
using namespace std::chrono_literals;

namespace {

// As `ctrlab run` predicts it: the rendering, its network effects, then the sim.
oracle::UnitHistory history_of(const std::string& path, oracle::Revision revision, const std::string& container,
                               sim::Duration observe_for = 60s) {
  const auto parsed = sim_test::project_scenario(path);
  const auto prediction = oracle::predict(parsed, revision);
  const auto effects = oracle::predict_effects(prediction, oracle::host_network_of(parsed.host));
  sim::ScenarioTimelineOptions options;
  options.observe_for = observe_for;
  return sim::predict_unit_histories(prediction, effects, parsed.probes, options).at(container);
}

// `run` once, then `restarts` times `restart_run`, then the start the start limit refuses.
std::vector<std::string> restart_loop(std::vector<std::string> first, const std::vector<std::string>& restart_run,
                                      int restarts) {
  std::vector<std::string> states = {"inactive"};
  states.insert(states.end(), first.begin(), first.end());
  for (int i = 0; i < restarts; ++i) states.insert(states.end(), restart_run.begin(), restart_run.end());
  states.emplace_back("failed");
  return states;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(observed_runs)

BOOST_AUTO_TEST_CASE(the_2014_unit_runs_the_systems_own_init_and_stays_up) {
  // Observed (examples/legacy-2014): inactive -> activating -> active, Result=success.
  const auto outcome = oracle::exact_outcome(history_of("scenarios/examples/legacy-2014.json", oracle::Revision::r2014, "plain"));
  BOOST_TEST(outcome.active_states == (std::vector<std::string>{"inactive", "activating", "active"}),
             boost::test_tools::per_element());
  BOOST_TEST(outcome.result == "success");
  BOOST_TEST(outcome.n_restarts == 0U);
  BOOST_TEST(outcome.exec_main_code == "");
}

BOOST_AUTO_TEST_CASE(a_stray_command_is_ready_by_nspawn_then_fails_to_exec_every_start) {
  // Observed (examples/bind-mount-with-space, 2021 and 2022): nspawn stops reading options at
  // `data:/data`, so it says READY=1 itself; execv(data:/data) fails, nspawn sends STOPPING=1
  // and exits 1 (failed); five restarts, then the start limit. Whether the unit is active and
  // deactivating on its way to failed depends on whether the postStart (which runs nothing)
  // ended before nspawn's STOPPING=1: a race, which the prediction says is one.
  for (const auto revision : {oracle::Revision::r2021, oracle::Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << oracle::to_string(revision)) {
      const auto history = history_of("scenarios/examples/bind-mount-with-space.json", revision, "files");
      BOOST_TEST(history.exits_may_race);
      const auto outcome = oracle::exact_outcome(history, history.exits_may_race);
      const std::vector<std::string> run = {"activating", "failed", "activating", "inactive"};
      auto expected = restart_loop(run, run, 4);
      BOOST_TEST(outcome.active_states == expected, boost::test_tools::per_element());
      // Either way there, the states systemd showed: running first, or stopping at once.
      auto seen = history;
      seen.changes = {{0, "inactive", "dead"}};
      for (int start = 0; start < 5; ++start) {
        seen.changes.insert(seen.changes.end(), {{0, "activating", "start-post"}, {0, "active", "running"},
                                                 {0, "deactivating", "stop-sigterm"}, {0, "failed", "failed"},
                                                 {0, "activating", "auto-restart"}, {0, "inactive", "dead"}});
      }
      seen.changes.push_back({0, "failed", "failed"});  // the sixth start, refused by the start limit
      BOOST_TEST(oracle::exact_outcome(seen, true).active_states == outcome.active_states, boost::test_tools::per_element());
      BOOST_TEST(outcome.result == "exit-code");
      BOOST_TEST(outcome.n_restarts == 5U);
      BOOST_TEST(outcome.exec_main_code == "exited");
      BOOST_TEST(outcome.exec_main_status == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(under_2018_the_stray_commands_exit_races_the_failing_post_start) {
  // Observed (examples/bind-mount-with-space 2018): nspawn's command fails to exec while the
  // 2018 postStart (machinectl show) runs and fails too, finding no machine. Quiet runs saw
  // nspawn's exit first (activating -> failed); one of three runs under `stress-ng --cpu 2` saw
  // the postStart's first, so systemd stopped the unit (activating -> deactivating -> failed).
  const auto predicted = history_of("scenarios/examples/bind-mount-with-space.json", oracle::Revision::r2018, "files");
  BOOST_TEST(predicted.exits_may_race);
  auto other_order = predicted;
  const auto post_start = std::find_if(other_order.changes.begin(), other_order.changes.end(),
                                       [](const oracle::UnitStateChange& change) { return change.sub_state == "start-post"; });
  BOOST_REQUIRE(post_start != other_order.changes.end());
  BOOST_REQUIRE(post_start + 1 != other_order.changes.end());
  BOOST_REQUIRE(post_start[1].active_state == "failed");
  other_order.changes.insert(post_start + 1, {post_start->at + 1000, "deactivating", "stop-sigterm"});
  // The rule takes either order as the prediction's...
  BOOST_TEST(oracle::exact_outcome(other_order, predicted.exits_may_race).active_states ==
                 oracle::exact_outcome(predicted, predicted.exits_may_race).active_states,
             boost::test_tools::per_element());
  // ...and only where the prediction says the two exits race.
  BOOST_TEST(oracle::exact_outcome(other_order).active_states != oracle::exact_outcome(predicted).active_states);
}

BOOST_AUTO_TEST_CASE(a_post_start_failing_while_the_container_runs_is_no_race) {
  // 2018 extra-veth: the postStart fails with nspawn running; systemd stops the unit for real.
  const auto predicted = history_of("scenarios/nixos-tests/extra-veth.json", oracle::Revision::r2018, "webserver", 5min);
  BOOST_TEST(!predicted.exits_may_race);
}

BOOST_AUTO_TEST_CASE(read_only_without_tmp_in_the_root_fails_every_start_in_nspawn) {
  // Observed (options/extra-flags, 2018, 2021, 2022): "Failed to mount tmpfs ... on
  // /var/lib/containers/flags/tmp ...: No such file or directory", exit 1, never active.
  for (const auto revision : {oracle::Revision::r2018, oracle::Revision::r2021, oracle::Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << oracle::to_string(revision)) {
      const auto outcome = oracle::exact_outcome(history_of("scenarios/options/extra-flags.json", revision, "flags"));
      const std::vector<std::string> run = {"activating", "failed", "activating", "inactive"};
      BOOST_TEST(outcome.active_states == restart_loop(run, run, 4), boost::test_tools::per_element());
      BOOST_TEST(outcome.result == "exit-code");
      BOOST_TEST(outcome.n_restarts == 5U);
      BOOST_TEST(outcome.exec_main_status == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_2018_routed_extra_veth_fails_post_start_then_the_killed_nspawns_machine_blocks_restarts) {
  // Observed (nixos-tests/extra-veth under 2018, which the scenario no longer runs: it takes
  // 92 s): ExecStartPost= fails; systemd's KillSignal=SIGWINCH is ignored by nspawn, so the
  // unit sits in deactivating until TimeoutStopSec= (90 s) and SIGKILLs it (failed at 90.3 s).
  // The killed nspawn never unregistered the machine, and systemd-machined keeps it while the
  // unit restarts: each next nspawn fails at once ("Failed to register machine: Machine
  // 'webserver' already exists", exit 1), five times, until the start limit refuses the
  // sixth restart (NRestarts=6, the last change at 91.8 s).
  const auto history =
      history_of("scenarios/nixos-tests/extra-veth.json", oracle::Revision::r2018, "webserver", 5min);
  const auto outcome = oracle::exact_outcome(history);
  const auto expected = restart_loop({"activating", "deactivating", "failed", "activating", "inactive"},
                                     {"activating", "failed", "activating", "inactive"}, 5);
  BOOST_TEST(outcome.active_states == expected, boost::test_tools::per_element());
  BOOST_TEST(outcome.result == "exit-code");
  BOOST_TEST(outcome.n_restarts == 6U);
  BOOST_TEST(outcome.exec_main_code == "exited");
  BOOST_TEST(outcome.exec_main_status == 1);
  const auto first_failure = std::find_if(history.changes.begin(), history.changes.end(),
                                          [](const auto& change) { return change.active_state == "failed"; });
  BOOST_TEST_REQUIRE((first_failure != history.changes.end()));
  BOOST_TEST(first_failure->at >= 90'000'000U);  // TimeoutStopSec= passed
  BOOST_TEST(first_failure->at < 91'000'000U);
  BOOST_TEST(history.changes.back().at < 95'000'000U);  // the fast failures take seconds, not minutes
}

BOOST_AUTO_TEST_SUITE_END()
