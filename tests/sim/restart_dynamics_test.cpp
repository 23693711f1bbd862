// Table 2 of systemd.service(5) end to end: each exit cause the probe (or systemctl kill)
// can produce, under each Restart= value, through nspawn and the unit; and the start limit's
// edges in time. A calibration in which nothing costs time makes the times exact.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>

#include "timeline_support.hpp"

using namespace sim_test;
using namespace std::chrono_literals;

namespace {

enum class Cause { clean_exit, unclean_exit_code, unclean_signal, timeout };

// One occurrence of the cause on the first boot; later boots stay up.
TimelineRequest run_with(RestartPolicy policy, Cause cause) {
  auto unit = unit_2022();
  unit.service.restart = policy;
  unit.service.timeout_start = 5s;
  std::vector<BootBehaviour> boots;
  std::vector<ManualAction> actions{ManualAction{}};
  switch (cause) {
    case Cause::clean_exit:
      boots.push_back(boot(BootAction::poweroff, 1000ms));  // nspawn exits 0
      break;
    case Cause::unclean_exit_code:
      boots.push_back(boot(BootAction::exit, 1000ms, 7));  // nspawn exits 7
      break;
    case Cause::unclean_signal:
      boots.push_back(boot(BootAction::stay_up));
      actions.push_back(ManualAction{1s, ManualAction::Kind::kill, signals::kill});  // systemctl kill -s KILL
      break;
    case Cause::timeout:
      boots.push_back(boot(BootAction::hang_before_ready));
      break;
  }
  boots.push_back(boot(BootAction::stay_up));
  auto req = request(unit, probe(boots), 30s);
  req.actions = actions;
  req.calibration = instant_calibration();
  return req;
}

bool restarted(RestartPolicy policy, Cause cause) {
  const auto history = predict_timeline(run_with(policy, cause)).history;
  // A SIGKILLed nspawn leaves its machine registered, so its restart fails in turn (see
  // killed_nspawn_leaves_its_machine_registered_until_the_unit_rests); the others restart once.
  if (cause != Cause::unclean_signal) BOOST_TEST_REQUIRE(history.n_restarts <= 1U);
  return history.n_restarts >= 1U;
}

constexpr std::array<RestartPolicy, 7> columns = {RestartPolicy::no,         RestartPolicy::always,
                                                  RestartPolicy::on_success, RestartPolicy::on_failure,
                                                  RestartPolicy::on_abnormal, RestartPolicy::on_abort,
                                                  RestartPolicy::on_watchdog};

void check_row(Cause cause, std::array<bool, 7> expected) {
  for (std::size_t column = 0; column < columns.size(); ++column) {
    BOOST_TEST(restarted(columns[column], cause) == expected[column], "Restart=" << to_string(columns[column]));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(restart_table_end_to_end)

//                                                no     always on-success on-failure on-abnormal on-abort on-watchdog
BOOST_AUTO_TEST_CASE(clean_exit_poweroff) { check_row(Cause::clean_exit, {false, true, true, false, false, false, false}); }

BOOST_AUTO_TEST_CASE(unclean_exit_code) {
  check_row(Cause::unclean_exit_code, {false, true, false, true, false, false, false});
}

BOOST_AUTO_TEST_CASE(unclean_signal_systemctl_kill) {
  check_row(Cause::unclean_signal, {false, true, false, true, true, true, false});
}

BOOST_AUTO_TEST_CASE(timeout) { check_row(Cause::timeout, {false, true, false, true, true, false, false}); }

// The watchdog row cannot be produced end to end: nspawn answers the service watchdog itself
// as long as it runs. restart_rules_test covers it at the decision.

BOOST_AUTO_TEST_CASE(the_results_of_the_causes) {
  const auto result_of = [](Cause cause) {
    return predict_timeline(run_with(RestartPolicy::no, cause)).history.result;
  };
  BOOST_TEST(result_of(Cause::clean_exit) == "success");
  BOOST_TEST(result_of(Cause::unclean_exit_code) == "exit-code");
  BOOST_TEST(result_of(Cause::unclean_signal) == "signal");
  BOOST_TEST(result_of(Cause::timeout) == "timeout");
}

BOOST_AUTO_TEST_CASE(systemctl_kill_with_sigterm_halts_the_container_cleanly) {
  auto req = run_with(RestartPolicy::on_failure, Cause::unclean_signal);
  req.actions.back().signal = signals::terminate;  // nspawn forwards SIGRTMIN+3: exit 0
  const auto history = predict_timeline(req).history;
  BOOST_TEST(history.result == "success");
  BOOST_TEST(history.n_restarts == 0U);
  BOOST_TEST(history.changes.back().sub_state == "dead");
}

BOOST_AUTO_TEST_CASE(killed_nspawn_leaves_its_machine_registered_until_the_unit_rests) {
  // nspawn SIGKILLed never unregisters its machine; systemd-machined keeps it while the unit
  // restarts, so every restart's nspawn fails to register it and exits 1 (as the sandbox host
  // showed for 2018's nixos-tests/extra-veth) until the start limit lets the unit rest. A
  // start after that runs: machined has forgotten the machine.
  auto req = run_with(RestartPolicy::on_failure, Cause::unclean_signal);
  req.actions.push_back(ManualAction{20s, ManualAction::Kind::start});
  const auto history = predict_timeline(req).history;
  BOOST_TEST(history.n_restarts == 0U);  // the manual start began counting afresh
  BOOST_TEST(history.changes.back().active_state == "active");
  const auto failed_starts = std::count_if(history.changes.begin(), history.changes.end(), [](const auto& change) {
    return change.sub_state == "failed";
  });
  // The killed run and four failing restarts fill the start limit (five starts in 10 s); the
  // fifth restart is refused.
  BOOST_TEST(failed_starts == 6);

  // Without registration (--register=no) there is nothing left behind: one restart, up again.
  auto unregistered = run_with(RestartPolicy::on_failure, Cause::unclean_signal);
  unregistered.unit.nspawn.registers_machine = false;
  const auto plain = predict_timeline(unregistered).history;
  BOOST_TEST(plain.n_restarts == 1U);
  BOOST_TEST(plain.changes.back().active_state == "active");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(start_limit_end_to_end)

namespace {

// A probe that exits 1 at once on every boot; RestartSec= apart, starts fall at exact
// multiples of it (nothing else costs time).
TimelineRequest fast_failing(Duration restart_sec, Duration interval, Duration observe_for = 60s) {
  auto unit = unit_2022();
  unit.service.restart_sec = restart_sec;
  unit.service.start_limit_interval = interval;
  auto req = request(unit, probe({boot(BootAction::exit, 0ms, 1)}), observe_for);
  req.calibration = instant_calibration();
  return req;
}

std::vector<std::int64_t> start_times(const ctrlab::oracle::UnitHistory& history) {
  std::vector<std::int64_t> starts;
  for (const auto& change : history.changes) {
    if (change.sub_state == "start-pre") starts.push_back(change.at);
  }
  return starts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_fifth_start_in_the_window_runs_the_sixth_is_refused) {
  // Starts at 0, 2, 4, 6, 8 s; the sixth, at 10 s, is exactly the interval after the first
  // and so still inside the window: refused. NRestarts counts the five scheduled restarts.
  const auto history = predict_timeline(fast_failing(2s, 10s)).history;
  BOOST_TEST(start_times(history) == (std::vector<std::int64_t>{0, 2'000'000, 4'000'000, 6'000'000, 8'000'000}),
             boost::test_tools::per_element());
  BOOST_TEST(history.n_restarts == 5U);
  BOOST_TEST(history.changes.back().at == 10'000'000);
  BOOST_TEST(history.changes.back().active_state == "failed");
  BOOST_TEST(history.result == "exit-code");  // the last run's failure sticks
}

BOOST_AUTO_TEST_CASE(a_start_just_past_the_window_opens_a_new_one) {
  // With the interval a microsecond shorter, the start at 10 s begins a new window: the unit
  // keeps restarting.
  const auto history = predict_timeline(fast_failing(2s, 10s - 1us, 31s)).history;
  BOOST_TEST(start_times(history).size() == 16U);  // 0, 2, ..., 30 s
  BOOST_TEST(history.n_restarts == 15U);
  BOOST_TEST(history.changes.back().active_state != "failed");
}

BOOST_AUTO_TEST_CASE(the_window_resets_from_its_first_start_not_sliding) {
  // 2.5 s apart: starts at 0, 2.5, 5, 7.5 and 10 s fill the first window (five); 12.5 s is
  // past it and opens the next, which takes 12.5 ... 22.5 s; then 25 s opens a third.
  const auto history = predict_timeline(fast_failing(2500ms, 10s, 26s)).history;
  BOOST_TEST(start_times(history).size() == 11U);  // 0 ... 25 s
  BOOST_TEST(history.result != "start-limit-hit");
  BOOST_TEST(history.changes.back().active_state != "failed");
}

BOOST_AUTO_TEST_CASE(a_clean_exit_that_is_force_restarted_ends_in_start_limit_hit) {
  // 133 counts as success (SuccessExitStatus=133), so the refused start's own result shows.
  auto req = fast_failing(2s, 10s);
  req.probe = probe({boot(BootAction::reboot, 0ms)});
  const auto history = predict_timeline(req).history;
  BOOST_TEST(history.result == "start-limit-hit");
  BOOST_TEST(history.n_restarts == 5U);
  BOOST_TEST(history.exec_main_status == 133);
}

BOOST_AUTO_TEST_CASE(a_manual_start_after_the_limit_is_refused_within_the_window) {
  auto req = fast_failing(2s, 20s, 30s);
  req.actions.push_back(ManualAction{15s, ManualAction::Kind::start});
  const auto history = predict_timeline(req).history;
  // Five starts by 8 s, the sixth refused at 10 s; the manual start at 15 s is still within
  // the 20 s window: refused too, nothing changes.
  BOOST_TEST(start_times(history).size() == 5U);
  BOOST_TEST(history.changes.back().at == 10'000'000);
}

BOOST_AUTO_TEST_CASE(a_manual_start_after_the_window_starts_afresh) {
  // Starts 0-8 s, refused at 10 s; at 25 s the window begun at 0 is over: 25, 27, 29, 31 and
  // 33 s run, 35 s is refused again.
  auto req = fast_failing(2s, 10s, 40s);
  req.actions.push_back(ManualAction{25s, ManualAction::Kind::start});
  const auto history = predict_timeline(req).history;
  const auto starts = start_times(history);
  BOOST_TEST(starts.size() == 10U);  // five at 0-8 s, five more from 25 s
  BOOST_TEST(starts[5] == 25'000'000);
  BOOST_TEST(history.n_restarts == 5U);  // reset by the manual start, then counted up again
}

BOOST_AUTO_TEST_SUITE_END()
