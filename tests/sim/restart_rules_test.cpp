// Table 2 of systemd.service(5), row by row and column by column, plus the exit-status
// overrides and the start limit's fixed window.
#include <boost/test/unit_test.hpp>

#include <array>

#include "ctrlab/sim/restart_rules.hpp"
#include "ctrlab/sim/start_limit.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;

namespace {

constexpr std::array<RestartPolicy, 7> columns = {RestartPolicy::no,         RestartPolicy::always,
                                                  RestartPolicy::on_success, RestartPolicy::on_failure,
                                                  RestartPolicy::on_abnormal, RestartPolicy::on_abort,
                                                  RestartPolicy::on_watchdog};

// One row of table 2: which columns carry an X.
void check_row(ServiceResult result, std::array<bool, 7> restarts, std::optional<ProcessExit> main_exit) {
  const ExitStatusSet empty;
  for (std::size_t column = 0; column < columns.size(); ++column) {
    RestartQuestion question;
    question.policy = columns[column];
    question.result = result;
    question.main_exit = main_exit;
    question.prevent = &empty;
    question.force = &empty;
    BOOST_TEST(shall_restart(question).restart == restarts[column],
               "Restart=" << to_string(columns[column]) << " after Result=" << to_string(result));
  }
}

ServiceResult result_for(ProcessExit exit) {
  return result_of_exit(exit, ExitJudged::daemon, ExitStatusSet{});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(restart_table)

//                                      no     always on-success on-failure on-abnormal on-abort on-watchdog
BOOST_AUTO_TEST_CASE(row_clean_exit_code_or_signal) {
  for (const auto exit : {ProcessExit::exited_with(0), ProcessExit::killed_by(signals::terminate),
                          ProcessExit::killed_by(signals::hangup), ProcessExit::killed_by(signals::interrupt),
                          ProcessExit::killed_by(signals::pipe)}) {
    BOOST_TEST_REQUIRE((result_for(exit) == ServiceResult::success));
    check_row(result_for(exit), {false, true, true, false, false, false, false}, exit);
  }
}

BOOST_AUTO_TEST_CASE(row_unclean_exit_code) {
  const auto exit = ProcessExit::exited_with(7);
  BOOST_TEST_REQUIRE((result_for(exit) == ServiceResult::exit_code));
  check_row(result_for(exit), {false, true, false, true, false, false, false}, exit);
}

BOOST_AUTO_TEST_CASE(row_unclean_signal) {
  for (const auto exit : {ProcessExit::killed_by(signals::kill), ProcessExit::dumped_by(signals::abort)}) {
    check_row(result_for(exit), {false, true, false, true, true, true, false}, exit);
  }
}

BOOST_AUTO_TEST_CASE(row_timeout) {
  check_row(ServiceResult::timeout, {false, true, false, true, true, false, false}, std::nullopt);
}

BOOST_AUTO_TEST_CASE(row_watchdog) {
  check_row(ServiceResult::watchdog, {false, true, false, true, true, false, true},
            ProcessExit::dumped_by(signals::abort));
}

BOOST_AUTO_TEST_CASE(rows_map_to_their_exit_causes) {
  BOOST_TEST((exit_cause(ServiceResult::success) == ExitCause::clean));
  BOOST_TEST((exit_cause(ServiceResult::exit_code) == ExitCause::unclean_exit_code));
  BOOST_TEST((exit_cause(ServiceResult::signal) == ExitCause::unclean_signal));
  BOOST_TEST((exit_cause(ServiceResult::core_dump) == ExitCause::unclean_signal));
  BOOST_TEST((exit_cause(ServiceResult::timeout) == ExitCause::timeout));
  BOOST_TEST((exit_cause(ServiceResult::watchdog) == ExitCause::watchdog));
}

BOOST_AUTO_TEST_CASE(success_exit_status_makes_an_exit_clean) {
  ExitStatusSet success;
  success.add_status(133);
  BOOST_TEST((result_of_exit(ProcessExit::exited_with(133), ExitJudged::daemon, success) == ServiceResult::success));
  BOOST_TEST((result_of_exit(ProcessExit::exited_with(133), ExitJudged::daemon, {}) == ServiceResult::exit_code));
}

BOOST_AUTO_TEST_CASE(sigterm_is_clean_for_a_daemon_but_not_for_a_command) {
  const auto exit = ProcessExit::killed_by(signals::terminate);
  BOOST_TEST(is_clean_exit(exit, ExitJudged::daemon, {}));
  BOOST_TEST(!is_clean_exit(exit, ExitJudged::command, {}));
}

BOOST_AUTO_TEST_CASE(force_exit_status_restarts_even_with_restart_no) {
  ExitStatusSet force;
  force.add_status(133);
  const ExitStatusSet none;
  RestartQuestion question{RestartPolicy::no, ServiceResult::success, ProcessExit::exited_with(133), &none, &force};
  const auto decision = shall_restart(question);
  BOOST_TEST(decision.restart);
  BOOST_TEST(decision.reason == "forced by exit status");
}

BOOST_AUTO_TEST_CASE(prevent_exit_status_wins_over_force_and_restart_always) {
  ExitStatusSet both;
  both.add_status(3);
  RestartQuestion question{RestartPolicy::always, ServiceResult::exit_code, ProcessExit::exited_with(3), &both, &both};
  BOOST_TEST(!shall_restart(question).restart);
  BOOST_TEST(shall_restart(question).reason == "prevented by exit status");
}

BOOST_AUTO_TEST_CASE(a_manual_stop_never_restarts) {
  ExitStatusSet force;
  force.add_status(133);
  RestartQuestion question{RestartPolicy::always, ServiceResult::success, ProcessExit::exited_with(133), nullptr,
                           &force, true};
  BOOST_TEST(!shall_restart(question).restart);
}

BOOST_AUTO_TEST_CASE(start_limit_hit_and_exec_condition_never_restart_on_failure) {
  BOOST_TEST(!restart_setting_restarts(RestartPolicy::on_failure, ServiceResult::exec_condition));
  BOOST_TEST(!restart_setting_restarts(RestartPolicy::always, ServiceResult::exec_condition));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(start_limit)

BOOST_AUTO_TEST_CASE(the_sixth_start_in_the_window_is_refused) {
  StartLimit limit(10s, 5);
  for (int start = 1; start <= 5; ++start) {
    BOOST_TEST(limit.admit(from_usec(start * 100'000)), "start " << start);
  }
  BOOST_TEST(!limit.admit(from_usec(600'000)));
  BOOST_TEST(!limit.admit(from_usec(700'000)));  // and every later one in the window
}

BOOST_AUTO_TEST_CASE(the_window_is_fixed_from_the_first_start) {
  // Window begins at 1s: a start at exactly 11s is still inside it, one a microsecond later
  // opens a new window and is admitted.
  StartLimit limit(10s, 2);
  BOOST_TEST(limit.admit(from_usec(1'000'000)));
  BOOST_TEST(limit.admit(from_usec(2'000'000)));
  BOOST_TEST(!limit.admit(from_usec(11'000'000)));
  BOOST_TEST(limit.admit(from_usec(11'000'001)));
  BOOST_TEST(to_usec(*limit.window_begin()) == 11'000'001);
  BOOST_TEST(limit.starts_in_window() == 1U);
}

BOOST_AUTO_TEST_CASE(the_window_does_not_slide) {
  // Starts every 3s with burst 3 in 10s: 0, 3, 6 fill the window begun at 0; 9 is refused
  // even though only 3 starts happened in the 10s before it... and 12 opens a new window.
  StartLimit limit(10s, 3);
  BOOST_TEST(limit.admit(from_usec(0)));
  BOOST_TEST(limit.admit(from_usec(3'000'000)));
  BOOST_TEST(limit.admit(from_usec(6'000'000)));
  BOOST_TEST(!limit.admit(from_usec(9'000'000)));
  BOOST_TEST(limit.admit(from_usec(12'000'000)));
}

BOOST_AUTO_TEST_CASE(zero_interval_or_burst_disables_it) {
  StartLimit no_interval(0s, 5);
  StartLimit no_burst(10s, 0);
  for (int i = 0; i < 100; ++i) {
    BOOST_TEST_REQUIRE(no_interval.admit(from_usec(i)));
    BOOST_TEST_REQUIRE(no_burst.admit(from_usec(i)));
  }
}

BOOST_AUTO_TEST_SUITE_END()
