#include <boost/test/unit_test.hpp>

#include "ctrlab/autostart/bench_document.hpp"
#include "ctrlab/autostart/phases.hpp"
#include "ctrlab/autostart/starts.hpp"

namespace ctrlab::autostart {
namespace {

using oracle::UnitStateChange;

// A run of one container whose unit went through `changes` (times in ms since the start request).
runner::ScenarioRun run_with(const std::vector<UnitStateChange>& changes, std::uint32_t restarts = 0,
                             const std::string& result = "success") {
  runner::ScenarioRun run;
  run.start_request_usec = 1'000'000;
  oracle::UnitHistory history;
  history.unit = "container@c0.service";
  for (auto change : changes) {
    change.at *= 1000;
    history.changes.push_back(change);
  }
  history.n_restarts = restarts;
  history.result = result;
  oracle::ContainerObservation container;
  container.unit_history = history;
  run.observation.containers.emplace("c0", container);
  return run;
}

const std::vector<UnitStateChange> clean_start = {{0, "inactive", "dead"},
                                                  {10, "activating", "start-pre"},
                                                  {30, "activating", "start"},
                                                  {400, "activating", "start-post"},
                                                  {420, "active", "running"}};

}  // namespace

BOOST_AUTO_TEST_SUITE(starts)

BOOST_AUTO_TEST_CASE(ready_is_the_first_active_and_boot_finished_the_payloads_word) {
  auto run = run_with(clean_start);
  run.boot_finished_usec["c0"] = 1'000'000 + 395'000;
  const auto starts = measured_starts(run);
  BOOST_REQUIRE(starts.size() == 1U);
  BOOST_TEST(starts[0].ready->count() == 0.42, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(starts[0].boot_finished->count() == 0.395, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(starts[0].start_timeouts == 0U);
}

// bench.json keeps every unit's states, so a timed-out mass start can be read unit by unit.
BOOST_AUTO_TEST_CASE(bench_json_has_each_units_timeline_in_seconds) {
  BenchRun bench;
  MeasuredRepeat repeat;
  repeat.starts = measured_starts(run_with(clean_start));
  bench.repeats.push_back(repeat);
  const auto timeline = bench_document(bench).at("runs").at(0).at("timelines").at(0);
  BOOST_REQUIRE(timeline.size() == clean_start.size());
  BOOST_TEST(timeline.at(0).at(1).get<std::string>() == "inactive");
  BOOST_TEST(timeline.at(4).at(0).get<double>() == 0.42, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(timeline.at(4).at(1).get<std::string>() == "active");
  BOOST_TEST(timeline.at(4).at(2).get<std::string>() == "running");
}

// TimeoutStartSec= ends a start in deactivating (stop-sigterm), then the unit restarts.
BOOST_AUTO_TEST_CASE(a_start_that_went_from_activating_to_deactivating_timed_out) {
  const auto run = run_with({{0, "inactive", "dead"},
                             {10, "activating", "start"},
                             {15000, "deactivating", "stop-sigterm"},
                             {15300, "activating", "auto-restart"},
                             {15400, "activating", "start"},
                             {30400, "deactivating", "stop-sigterm"},
                             {30700, "failed", "failed"}},
                            2, "start-limit-hit");
  const auto starts = measured_starts(run);
  BOOST_TEST(starts[0].start_timeouts == 2U);
  BOOST_TEST(!starts[0].ready.has_value());
  BOOST_TEST(starts[0].start_limit_hit);
  const auto counts = count(starts);
  BOOST_TEST(counts.timed_out == 1U);
  BOOST_TEST(counts.restarts == 2U);
  BOOST_TEST(counts.ready == 0U);
}

// The phases of sim/calibrations/README.md, from the unit's changes, ExecMainStartTimestamp and
// the probe's own start.
BOOST_AUTO_TEST_CASE(a_start_splits_into_the_simulators_phases) {
  auto run = run_with(clean_start);
  auto& observed = run.observation.containers.at("c0");
  observed.unit_properties = std::map<std::string, std::string>{{"ExecMainStartTimestampMonotonic", "1030000"},
                                                                {"CPUUsageNSec", "250000000"}};
  runner::probe::BootReport report;
  report.started_usec = 1'000'000 + 150'000;
  run.probe_reports["c0"] = {report};
  auto stopped = *observed.unit_history;
  stopped.changes.push_back({900'000, "deactivating", "stop-sigterm"});
  stopped.changes.push_back({1'200'000, "inactive", "dead"});
  run.histories_after_stop.emplace("container@c0.service", stopped);

  const auto phases = start_phases(run);
  BOOST_REQUIRE(phases.size() == 1U);
  const auto ms = [&](sim::Phase phase) { return wall(phases[0], phase)->count() * 1000; };
  const auto tolerance = boost::test_tools::tolerance(1e-6);
  BOOST_TEST(ms(sim::Phase::manager_job) == 10.0, tolerance);
  BOOST_TEST(ms(sim::Phase::start_pre) == 20.0, tolerance);
  BOOST_TEST(ms(sim::Phase::nspawn_setup) == 120.0, tolerance);
  BOOST_TEST(ms(sim::Phase::init_until_ready) == 250.0, tolerance);
  BOOST_TEST(ms(sim::Phase::start_post) == 20.0, tolerance);
  BOOST_TEST(ms(sim::Phase::shutdown) == 300.0, tolerance);
  BOOST_TEST(phases[0].cpu->count() == 0.25, tolerance);
  BOOST_TEST(!wall(phases[0], sim::Phase::exec_stop).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::autostart
