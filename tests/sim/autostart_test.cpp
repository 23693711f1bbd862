// Mass autostart: N units started together on C cores. Small cases are worked out by hand;
// the #65001 case is held against the issue's report.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <vector>

#include "ctrlab/sim/autostart.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;

namespace {

// Only the container's boot costs anything: `boot_cpu` of CPU work until READY=1.
Calibration boot_only(Duration boot_cpu) {
  Calibration calibration;
  calibration.cores = 1;
  calibration.cost(Phase::init_until_ready).cpu = boot_cpu;
  return calibration;
}

AutostartRequest request(std::size_t containers, unsigned cores, Calibration calibration) {
  AutostartRequest request;
  request.containers = containers;
  request.cores = cores;
  request.calibration = std::move(calibration);
  request.unit.service.timeout_start = infinite_duration;
  request.unit.service.commands.start_post = false;  // no postStart: its bash would cost a little
  return request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(autostart)

BOOST_AUTO_TEST_CASE(four_boots_share_two_cores) {
  // Four single-threaded boots of 1 s CPU each on 2 cores: each gets half a core, all are
  // ready after 2 s.
  const auto summary = summarize(simulate_autostart(request(4, 2, boot_only(1s))));
  BOOST_TEST(summary.ready == 4U);
  BOOST_TEST(summary.p50.value() == 2s);
  BOOST_TEST(summary.max.value() == 2s);
  BOOST_TEST(summary.all_ready_after.value() == 2s);
  BOOST_TEST(summary.timed_out == 0U);
  BOOST_TEST(summary.settled);
  BOOST_TEST(summary.peak_runnable == 4U);
}

BOOST_AUTO_TEST_CASE(no_boot_runs_faster_than_one_core) {
  const auto summary = summarize(simulate_autostart(request(2, 8, boot_only(1s))));
  BOOST_TEST(summary.max.value() == 1s);
}

BOOST_AUTO_TEST_CASE(systemd_runs_its_jobs_one_after_another) {
  // Each start job costs the manager 1 s of CPU and nothing else costs anything: the units
  // start (and are ready) at 1, 2 and 3 s.
  Calibration calibration;
  calibration.cost(Phase::manager_job).cpu = 1s;
  const auto result = simulate_autostart(request(3, 3, calibration));
  BOOST_TEST(result.containers[0].first_ready.time_since_epoch() == 1s);
  BOOST_TEST(result.containers[1].first_ready.time_since_epoch() == 2s);
  BOOST_TEST(result.containers[2].first_ready.time_since_epoch() == 3s);
}

BOOST_AUTO_TEST_CASE(each_setup_pays_the_crowding_of_the_nspawns_still_starting) {
  // Crowding of 1 s per nspawn starting besides, boots of 10 s, enough cores: the three setups
  // cost 0, 1 and 2 s (none is up yet), so the containers are ready after 10, 11 and 12 s.
  Calibration calibration = boot_only(10s);
  calibration.crowding_cpu = 1s;
  const auto result = simulate_autostart(request(3, 8, calibration));
  std::vector<Duration> ready;
  for (const auto& container : result.containers) ready.push_back(container.first_ready.time_since_epoch());
  std::sort(ready.begin(), ready.end());
  BOOST_TEST((ready == std::vector<Duration>{10s, 11s, 12s}));
}

BOOST_AUTO_TEST_CASE(containers_that_are_up_add_no_crowding) {
  // systemd dispatches a start job a second; nothing else costs anything but crowding: each
  // container is up before the next one's setup, which therefore pays none (ready at 1, 2, 3 s,
  // as without crowding; counting the containers that are up, the last would be ready at 5 s).
  Calibration calibration;
  calibration.cost(Phase::manager_job).cpu = 1s;
  calibration.crowding_cpu = 1s;
  const auto result = simulate_autostart(request(3, 8, calibration));
  BOOST_TEST(result.containers[0].first_ready.time_since_epoch() == 1s);
  BOOST_TEST(result.containers[1].first_ready.time_since_epoch() == 2s);
  BOOST_TEST(result.containers[2].first_ready.time_since_epoch() == 3s);
}

BOOST_AUTO_TEST_CASE(start_limits_end_fast_restart_loops) {
  // A 1 s timeout against 10 s of boot: attempts 1.1 s apart, so the sixth start falls in
  // the first 10 s window and is refused.
  auto req = request(2, 1, boot_only(10s));
  req.unit.service.timeout_start = 1s;
  const auto summary = summarize(simulate_autostart(req));
  BOOST_TEST(summary.start_limit_hits == 2U);
  BOOST_TEST(summary.start_timeouts == 10U);
  BOOST_TEST(summary.restarts == 10U);
  BOOST_TEST(summary.failed_at_end == 2U);
  BOOST_TEST(summary.settled);
}

BOOST_AUTO_TEST_CASE(latency_waits_without_using_the_cpu) {
  // 1 s of CPU after 5 s of waiting (disk, say): two boots on one core are ready after 7 s.
  Calibration calibration = boot_only(1s);
  calibration.cost(Phase::init_until_ready).latency = 5s;
  const auto summary = summarize(simulate_autostart(request(2, 1, calibration)));
  BOOST_TEST(summary.max.value() == 7s);
}

BOOST_AUTO_TEST_CASE(boots_slower_than_the_start_timeout_all_time_out) {
  // Four boots of 1 s on one core need 4 s; TimeoutStartSec=3s kills them all at 3 s.
  auto req = request(4, 1, boot_only(1s));
  req.unit.service.timeout_start = 3s;
  req.unit.service.restart = RestartPolicy::no;
  const auto summary = summarize(simulate_autostart(req));
  BOOST_TEST(summary.ready == 0U);
  BOOST_TEST(summary.timed_out == 4U);
  BOOST_TEST(summary.failed_at_end == 4U);
  BOOST_TEST(!summary.p50.has_value());
  BOOST_TEST(!summary.all_ready_after.has_value());
  BOOST_TEST(summary.settled);
}

BOOST_AUTO_TEST_CASE(timeouts_free_the_cpu_for_the_restarted_units) {
  // With restarts, units that time out give their CPU back; later attempts get through.
  auto req = request(4, 1, boot_only(1s));
  req.unit.service.timeout_start = 3s;
  req.calibration.spread = 0.3;
  const auto summary = summarize(simulate_autostart(req));
  BOOST_TEST(summary.timed_out > 0U);
  BOOST_TEST(summary.restarts > 0U);
  BOOST_TEST(summary.ready == 4U);
}

// Six containers on one core, systemd dispatching a start job every 0.1 s, boots of 1 s of CPU,
// shutdowns of 0.2 s, TimeoutStartSec=4s: 6 s of boots cannot all fit in 4 s.
AutostartRequest crowd_with_boots_of(unsigned processes) {
  Calibration calibration = boot_only(1s);
  calibration.cost(Phase::manager_job).cpu = 100ms;
  calibration.cost(Phase::init_until_ready).processes = processes;
  calibration.cost(Phase::shutdown).cpu = 200ms;
  auto req = request(6, 1, calibration);
  req.unit.service.timeout_start = 4s;
  req.horizon = 2min;
  return req;
}

BOOST_AUTO_TEST_CASE(a_crowd_that_times_out_converges_when_the_boots_begun_first_get_ahead) {
  // A boot runs two processes: the scheduler's share is per process, so the boots that began
  // first get ahead of the setups behind them and finish; the others time out, free the core,
  // and their restarts (after RestartSec) find it freer: every container is ready in the end,
  // a few after one timeout each, far from the start limit.
  const auto summary = summarize(simulate_autostart(crowd_with_boots_of(2)));
  BOOST_TEST(summary.ready == 6U);
  BOOST_TEST(summary.all_ready_after.has_value());
  BOOST_TEST(summary.timed_out > 0U);
  BOOST_TEST(summary.timed_out < 6U);
  BOOST_TEST(summary.restarts == summary.start_timeouts);  // each timeout restarted, no other failure
  BOOST_TEST(summary.start_limit_hits == 0U);
  BOOST_TEST(summary.settled);
}

BOOST_AUTO_TEST_CASE(the_same_crowd_of_single_process_boots_times_out_in_lockstep) {
  // One process a boot: the boots share the core evenly, none is done by its timeout, and every
  // wave of restarts does the same again (nixpkgs #65001's loop).
  const auto summary = summarize(simulate_autostart(crowd_with_boots_of(1)));
  BOOST_TEST(summary.ready == 0U);
  BOOST_TEST(summary.timed_out == 6U);
  BOOST_TEST(summary.start_timeouts > 6U * 10U);
  BOOST_TEST(summary.start_limit_hits == 0U);  // the attempts are more than 4 s apart
  BOOST_TEST(!summary.settled);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_run) {
  AutostartRequest req;
  req.containers = 200;
  req.cores = 2;
  const auto first = summarize(simulate_autostart(req));
  const auto second = summarize(simulate_autostart(req));
  BOOST_TEST(summary_to_json(first).dump() == summary_to_json(second).dump());
  req.seed = 12345;
  const auto reseeded = summarize(simulate_autostart(req));
  BOOST_TEST(summary_to_json(reseeded).dump() != summary_to_json(first).dump());
}

BOOST_AUTO_TEST_CASE(the_horizon_ends_a_run_that_never_settles) {
  // A 3 s timeout is never enough for 10 s of boot; attempts are over 3 s apart, so five
  // never fall into one 10 s start-limit window: the units restart forever.
  auto req = request(2, 1, boot_only(10s));
  req.unit.service.timeout_start = 3s;
  req.horizon = 60s;
  const auto summary = summarize(simulate_autostart(req));
  BOOST_TEST(!summary.settled);
  BOOST_TEST(summary.ready == 0U);
  BOOST_TEST(summary.simulated <= 60s);
  BOOST_TEST(summary.start_timeouts > 10U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(issue_65001)

// nixpkgs #65001: 100 autoStart containers at boot; at 15 s TimeoutStartSec they failed, at
// 10 min all started, ~6.5 min per container@ in systemd-analyze blame.
AutostartRequest issue_65001(Duration timeout_start) {
  AutostartRequest request;
  request.containers = 100;
  request.calibration = builtin_calibration("issue-65001");
  request.unit.service.timeout_start = timeout_start;
  return request;
}

BOOST_AUTO_TEST_CASE(at_15_seconds_most_containers_time_out) {
  const auto summary = summarize(simulate_autostart(issue_65001(15s)));
  BOOST_TEST(summary.timed_out >= 90U);
  BOOST_TEST(summary.ready < 50U);
}

BOOST_AUTO_TEST_CASE(at_1_minute_they_still_fail) {
  const auto summary = summarize(simulate_autostart(issue_65001(1min)));
  BOOST_TEST(summary.timed_out >= 90U);
}

BOOST_AUTO_TEST_CASE(at_10_minutes_all_start_after_about_6_5_minutes) {
  const auto summary = summarize(simulate_autostart(issue_65001(10min)));
  BOOST_TEST(summary.ready == 100U);
  BOOST_TEST(summary.timed_out == 0U);
  BOOST_TEST(summary.restarts == 0U);
  BOOST_TEST(summary.p50.value() >= 5min);
  BOOST_TEST(summary.p50.value() <= 8min);
  BOOST_TEST(summary.all_ready_after.value() < 10min);
}

BOOST_AUTO_TEST_SUITE_END()
