// Predicted unit histories for the probe's behaviours, against what systemd and nspawn 252 do
// and what was seen on this machine kind (docs/design.md).
#include <boost/test/unit_test.hpp>

#include "timeline_support.hpp"

using namespace sim_test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(timeline)

BOOST_AUTO_TEST_CASE(a_container_that_stays_up) {
  const auto timeline = predict_timeline(request(unit_2022(), probe({boot(BootAction::stay_up)}), 30s));
  const auto& history = timeline.history;
  BOOST_TEST(history.unit == "container@autostart.service");
  BOOST_TEST(sub_states(history) == strings({"inactive/dead", "activating/start-pre", "activating/start",
                                             "activating/start-post", "active/running"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.result == "success");
  BOOST_TEST(history.n_restarts == 0U);
  BOOST_TEST(history.exec_main_code == "");  // nspawn is still running
  BOOST_TEST(history.active_enter.value() == history.changes.back().at);
  BOOST_TEST(history.inactive_exit.value() == history.changes[1].at);
  BOOST_TEST(history.changes.back().at > 0);
  BOOST_TEST(timeline.boots == 1U);
}

BOOST_AUTO_TEST_CASE(times_follow_the_calibration) {
  // One container: start-pre runs 30 ms (20 CPU + 10 wait) after the manager's 0.5 ms;
  // nspawn 60 ms and the init 15 ms until READY=1; start-post 25 ms.
  auto unit = unit_2022();
  unit.post_start_runs_commands = true;  // a postStart with commands costs what the calibration says
  auto req = request(unit, probe({boot(BootAction::stay_up)}), 30s);
  req.calibration = known_calibration();
  const auto history = predict_timeline(req).history;
  BOOST_TEST(history.changes[1].at == 500);                          // start-pre
  BOOST_TEST(history.changes[2].at == 500 + 30'000);                 // start
  BOOST_TEST(history.changes[3].at == 500 + 30'000 + 75'000);        // start-post after READY=1
  BOOST_TEST(history.changes[4].at == 500 + 30'000 + 75'000 + 25'000);  // running
}

BOOST_AUTO_TEST_CASE(poweroff_exits_0_and_the_unit_stops_for_good) {
  const auto history = predict_timeline(request(unit_2022(), probe({boot(BootAction::poweroff)}), 30s)).history;
  BOOST_TEST(exact_outcome(history).active_states == strings({"inactive", "activating", "active", "deactivating", "inactive"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.changes.back().sub_state == "dead");
  BOOST_TEST(history.result == "success");
  BOOST_TEST(history.exec_main_code == "exited");
  BOOST_TEST(history.exec_main_status == 0);
  BOOST_TEST(history.n_restarts == 0U);
}

BOOST_AUTO_TEST_CASE(reboot_exits_133_which_restarts_until_the_start_limit) {
  // docs/design.md: a unit whose process keeps exiting 133 was restarted 5 times and then failed.
  // 133 is a success (SuccessExitStatus=133), so the refused start's result sticks.
  const auto history = predict_timeline(request(unit_2022(), probe({boot(BootAction::reboot, 100ms)}), 60s)).history;
  BOOST_TEST(history.n_restarts == 5U);
  BOOST_TEST(history.result == "start-limit-hit");
  BOOST_TEST(history.exec_main_code == "exited");
  BOOST_TEST(history.exec_main_status == 133);
  BOOST_TEST(history.changes.back().active_state == "failed");
  BOOST_TEST(history.changes.back().sub_state == "failed");
}

BOOST_AUTO_TEST_CASE(every_transition_of_a_restart_is_published) {
  // STOPPING=1 is its own notification: running -> stop-sigterm. The exit then passes
  // through dead (133 is a success) to auto-restart in one dispatch, and the restart job
  // through dead to start-pre in another; systemd 252 publishes each state on D-Bus.
  auto req = request(unit_2022(), probe({boot(BootAction::reboot, 1000ms), boot(BootAction::stay_up)}), 30s);
  req.calibration = known_calibration();
  const auto history = predict_timeline(req).history;
  BOOST_TEST(sub_states(history) ==
                 strings({"inactive/dead", "activating/start-pre", "activating/start", "activating/start-post",
                          "active/running", "deactivating/stop-sigterm", "inactive/dead", "activating/auto-restart",
                          "inactive/dead", "activating/start-pre", "activating/start", "activating/start-post",
                          "active/running"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.n_restarts == 1U);
  BOOST_TEST(history.result == "success");
  BOOST_TEST(history.exec_main_code == "");  // reset by the restart; the second nspawn runs
  const auto at = [&](std::size_t i) { return history.changes[i].at; };
  BOOST_TEST(at(6) == at(7));                   // dead and auto-restart: one dispatch
  BOOST_TEST(at(8) - at(7) == 100'000 + 500);   // RestartSec=100ms, then the manager's job
  BOOST_TEST(at(9) == at(8));                   // dead and start-pre: the restart job
  // InactiveExitTimestamp is the last leaving of inactive/failed: the restart job's.
  BOOST_TEST(history.inactive_exit.value() == at(9));
}

BOOST_AUTO_TEST_CASE(an_exit_code_restarts_on_failure_until_the_start_limit) {
  const auto history =
      predict_timeline(request(unit_2022(), probe({boot(BootAction::exit, 200ms, 7)}), 60s)).history;
  BOOST_TEST(history.n_restarts == 5U);
  // The refused sixth start does not overwrite the failure of the last run.
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_status == 7);
  BOOST_TEST(history.changes.back().active_state == "failed");
}

BOOST_AUTO_TEST_CASE(exit_133_from_the_container_is_nspawns_1) {
  auto unit = unit_2022();
  unit.service.restart = RestartPolicy::no;
  const auto history = predict_timeline(request(unit, probe({boot(BootAction::exit, 200ms, 133)}), 30s)).history;
  BOOST_TEST(history.exec_main_code == "exited");
  BOOST_TEST(history.exec_main_status == 1);  // not 133: that would ask for a restart
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.changes.back().active_state == "failed");
}

BOOST_AUTO_TEST_CASE(exit_133_from_the_container_restarts_on_failure) {
  const auto history = predict_timeline(
                           request(unit_2022(), probe({boot(BootAction::exit, 200ms, 133), boot(BootAction::stay_up)}), 30s))
                           .history;
  BOOST_TEST(history.n_restarts == 1U);  // on-failure restarts after exit-code
  BOOST_TEST(history.changes.back().sub_state == "running");
}

BOOST_AUTO_TEST_CASE(a_container_that_never_gets_ready_times_out) {
  auto unit = unit_2022();
  unit.service.restart = RestartPolicy::no;
  const auto history =
      predict_timeline(request(unit, probe({boot(BootAction::hang_before_ready)}), 5min)).history;
  BOOST_TEST(exact_outcome(history).active_states == strings({"inactive", "activating", "deactivating", "failed"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.result == "timeout");
  // TimeoutStartSec=1min after start; SIGTERM to nspawn, which halts the probe: exit 0.
  BOOST_TEST(history.exec_main_code == "exited");
  BOOST_TEST(history.exec_main_status == 0);
  const auto timeout_at = history.changes[3].at;  // start -> stop-sigterm
  BOOST_TEST(history.changes[3].sub_state == "stop-sigterm");
  BOOST_TEST(timeout_at - history.changes[2].at == 60'000'000);
  BOOST_TEST(!history.active_enter.has_value());
}

BOOST_AUTO_TEST_CASE(a_timed_out_container_restarts_on_failure_and_is_never_start_limited) {
  // Each attempt lasts over a minute, so no five starts fall in one 10 s window.
  const auto history =
      predict_timeline(request(unit_2022(), probe({boot(BootAction::hang_before_ready)}), 5min)).history;
  BOOST_TEST(history.n_restarts == 4U);
  BOOST_TEST(history.changes.back().active_state == "activating");
}

BOOST_AUTO_TEST_CASE(a_probe_ignoring_the_halt_signal_is_killed_after_timeoutstopsec) {
  auto unit = unit_2022();
  unit.service.restart = RestartPolicy::no;
  const auto history = predict_timeline(request(unit,
                                                probe({boot(BootAction::hang_before_ready, 0ms, 0, true)}), 5min))
                           .history;
  BOOST_TEST(sub_states(history) ==
                 strings({"inactive/dead", "activating/start-pre", "activating/start", "deactivating/stop-sigterm",
                          "deactivating/stop-sigkill", "failed/failed"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.changes[4].at - history.changes[3].at == 90'000'000);  // TimeoutStopSec default
  BOOST_TEST(history.result == "timeout");
  BOOST_TEST(history.exec_main_code == "killed");
  BOOST_TEST(history.exec_main_status == 9);
}

BOOST_AUTO_TEST_CASE(a_manual_stop_halts_the_probe_and_never_restarts) {
  auto req = request(unit_2022(), probe({boot(BootAction::stay_up)}), 60s);
  req.actions.push_back(ManualAction{10s, ManualAction::Kind::stop});
  const auto history = predict_timeline(req).history;
  BOOST_TEST(sub_states(history) ==
                 strings({"inactive/dead", "activating/start-pre", "activating/start", "activating/start-post",
                          "active/running", "deactivating/stop-sigterm", "inactive/dead"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.result == "success");
  BOOST_TEST(history.exec_main_status == 0);
  BOOST_TEST(history.n_restarts == 0U);
}

BOOST_AUTO_TEST_CASE(a_manual_stop_without_a_kill_signal_fails_the_unit) {
  // nspawn without --kill-signal (or --boot) kills the container on SIGTERM and exits 1;
  // Result=exit-code, and a manual stop still never restarts.
  auto unit = unit_2022();
  unit.nspawn.kill_signal.reset();
  auto req = request(unit, probe({boot(BootAction::stay_up)}), 60s);
  req.actions.push_back(ManualAction{10s, ManualAction::Kind::stop});
  const auto history = predict_timeline(req).history;
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_status == 1);
  BOOST_TEST(history.changes.back().active_state == "failed");
  BOOST_TEST(history.n_restarts == 0U);
}

BOOST_AUTO_TEST_CASE(the_2018_unit_cannot_stop_the_probe_and_ends_timed_out) {
  // KillSignal=WINCH is ignored by nspawn, preStop's SIGRTMIN+4 by the probe: after
  // TimeoutStopSec the unit kills everything.
  auto req = request(reference_container_unit(ctrlab::oracle::Revision::r2018), probe({boot(BootAction::stay_up)}), 5min);
  req.actions.push_back(ManualAction{10s, ManualAction::Kind::stop});
  const auto history = predict_timeline(req).history;
  BOOST_TEST(exact_outcome(history).active_states ==
                 strings({"inactive", "activating", "active", "deactivating", "failed"}),
             boost::test_tools::per_element());
  BOOST_TEST(history.changes[5].sub_state == "stop");  // ExecStop= (preStop) runs first
  BOOST_TEST(history.result == "timeout");
  BOOST_TEST(history.exec_main_code == "killed");
}

BOOST_AUTO_TEST_CASE(without_keep_unit_a_reboot_stays_inside_nspawn) {
  // The 2014 unit: nspawn runs the container again itself; systemd sees nothing.
  const auto timeline = predict_timeline(request(reference_container_unit(ctrlab::oracle::Revision::r2014),
                                                 probe({boot(BootAction::reboot, 1000ms), boot(BootAction::stay_up)}),
                                                 30s));
  BOOST_TEST(timeline.boots == 2U);
  BOOST_TEST(timeline.history.n_restarts == 0U);
  BOOST_TEST(timeline.history.changes.back().sub_state == "running");
  BOOST_TEST(exact_outcome(timeline.history).active_states == strings({"inactive", "activating", "active"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_refused_nspawn_command_line_fails_the_start) {
  auto unit = unit_2022();
  unit.service.restart = RestartPolicy::no;
  unit.nspawn.argv_error = "unrecognized option '--frobnicate'";
  const auto history = predict_timeline(request(unit, probe({boot(BootAction::stay_up)}), 30s)).history;
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_status == 1);
  BOOST_TEST(history.changes.back().active_state == "failed");
}

BOOST_AUTO_TEST_CASE(the_same_request_gives_the_same_timeline) {
  auto req = request(unit_2022(), probe({boot(BootAction::exit, 300ms, 3), boot(BootAction::reboot, 200ms),
                                         boot(BootAction::stay_up)}),
                     60s);
  req.calibration = builtin_calibration("nixos-container");  // with spread: random draws
  const auto first = predict_timeline(req);
  const auto second = predict_timeline(req);
  BOOST_TEST(sub_states(first.history) == sub_states(second.history), boost::test_tools::per_element());
  for (std::size_t i = 0; i < first.history.changes.size(); ++i) {
    BOOST_TEST(first.history.changes[i].at == second.history.changes[i].at);
  }
  req.seed = 99;
  const auto reseeded = predict_timeline(req);
  BOOST_TEST(reseeded.history.changes.back().at != first.history.changes.back().at);
  BOOST_TEST(sub_states(reseeded.history) == sub_states(first.history), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
