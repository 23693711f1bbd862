#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/reports/from_verdict.hpp"

using namespace ctrlab;

namespace {

oracle::Verdict verdict_with_route_failure() {
  oracle::Verdict verdict;
  oracle::AspectVerdict argv{oracle::Aspect::argv, oracle::AspectStatus::passed, "as predicted", {}, {}, {}};
  argv.adapted.push_back({oracle::DiffKind::changed, "container web", "argv[0]",
                          "/nix/store/aaaa-systemd/bin/systemd-nspawn", "/usr/bin/systemd-nspawn"});
  oracle::AspectVerdict routes{oracle::Aspect::routes, oracle::AspectStatus::failed, "1 difference", {}, {}, {}};
  routes.differences.push_back({oracle::DiffKind::missing, "container web", "routes[default via 10.0.0.1 dev eth0]",
                                "present", ""});
  oracle::AspectVerdict reach{oracle::Aspect::reachability, oracle::AspectStatus::not_observed, "", {}, {}, {}};
  verdict.aspects = {argv, routes, reach};
  oracle::SandboxAdaptation adaptation;
  adaptation.what = "systemd-nspawn is Debian's";
  adaptation.why = "there is no /nix/store here";
  verdict.adaptations.push_back(adaptation);
  return verdict;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(from_verdict)

BOOST_AUTO_TEST_CASE(a_failed_aspect_fails_the_case_and_keeps_its_differences) {
  const auto report = reports::case_from_verdict("examples/veth", "2022", 1.25, verdict_with_route_failure());
  BOOST_TEST(report.scenario == "examples/veth");
  BOOST_TEST(report.cause == "routes: 1 difference");
  BOOST_TEST((report.status == reports::CaseStatus::failed));
  BOOST_REQUIRE(report.aspects.size() == 3U);
  BOOST_TEST(report.aspects[1].aspect == "routes");
  BOOST_TEST(report.aspects[1].failed());
  BOOST_REQUIRE(report.aspects[1].differences.size() == 1U);
  BOOST_TEST(report.aspects[1].differences[0].text() ==
             "missing    container web routes[default via 10.0.0.1 dev eth0]: predicted present, not observed");
}

BOOST_AUTO_TEST_CASE(adapted_differences_and_unobserved_aspects_do_not_fail) {
  auto verdict = verdict_with_route_failure();
  verdict.aspects.erase(verdict.aspects.begin() + 1);
  const auto report = reports::case_from_verdict("examples/veth", "2022", 1.0, verdict);
  BOOST_TEST((report.status == reports::CaseStatus::passed));
  BOOST_TEST((report.aspects[0].status == oracle::AspectStatus::passed));
  BOOST_TEST(report.aspects[0].adapted.size() == 1U);
  BOOST_TEST((report.aspects[1].status == oracle::AspectStatus::not_observed));
  BOOST_TEST(!report.aspects[1].failed());
  BOOST_REQUIRE(report.adaptations.size() == 1U);
  BOOST_TEST(report.adaptations[0].why == "there is no /nix/store here");
}

BOOST_AUTO_TEST_CASE(a_unit_that_became_ready_is_a_bar_to_its_ready_time) {
  oracle::UnitHistory history;
  history.unit = "container@web.service";
  history.changes = {{0, "inactive", "dead"}, {1000, "activating", "start"}, {350000, "active", "running"}};
  history.inactive_exit = 1000;
  history.active_enter = 350000;
  history.result = "success";
  const auto bars = reports::timeline_bars(history, "observed");
  BOOST_REQUIRE(bars.size() == 1U);
  BOOST_TEST(bars[0].start_ms == 1.0);
  BOOST_REQUIRE(bars[0].ready_ms.has_value());
  BOOST_TEST(*bars[0].ready_ms == 350.0);
  BOOST_TEST(bars[0].end_ms == 350.0);
  BOOST_TEST(bars[0].outcome == "ready");
}

BOOST_AUTO_TEST_CASE(a_unit_that_timed_out_is_a_bar_to_its_failure_with_its_result) {
  oracle::UnitHistory history;
  history.unit = "container@slow.service";
  history.changes = {{0, "inactive", "dead"}, {2000, "activating", "start"}, {90002000, "failed", "failed"}};
  history.inactive_exit = 2000;
  history.result = "timeout";
  const auto bars = reports::timeline_bars(history, "predicted");
  BOOST_REQUIRE(bars.size() == 1U);
  BOOST_TEST(!bars[0].ready_ms.has_value());
  BOOST_TEST(bars[0].end_ms == 90002.0);
  BOOST_TEST(bars[0].outcome == "timeout");
  BOOST_TEST(bars[0].source == "predicted");
}

// systemd's own timestamps are those of the last start: InactiveExit after the last restart,
// ActiveEnter of an earlier attempt. A bar from them ended before it began (2956 ms to 2650 ms).
BOOST_AUTO_TEST_CASE(a_restarted_unit_has_a_bar_per_attempt_none_of_them_negative) {
  oracle::UnitHistory history;
  history.unit = "container@exits.service";
  history.changes = {{0, "inactive", "dead"},          {100000, "activating", "start"}, {400000, "active", "running"},
                     {700000, "activating", "auto-restart"}, {800000, "activating", "start"},
                     {1100000, "active", "running"},    {1400000, "activating", "auto-restart"},
                     {1500000, "activating", "start"},  {1600000, "failed", "failed"}};
  history.inactive_exit = 1500000;
  history.active_enter = 1100000;
  history.result = "exit-code";
  const auto bars = reports::timeline_bars(history, "observed");
  BOOST_REQUIRE(bars.size() == 3U);
  for (const auto& bar : bars) {
    BOOST_TEST(bar.end_ms >= bar.start_ms);
    if (bar.ready_ms) BOOST_TEST(*bar.ready_ms >= bar.start_ms);
  }
  BOOST_TEST(bars[1].attempt == 2U);
  BOOST_TEST(bars[1].start_ms == 800.0);
  BOOST_TEST(*bars[1].ready_ms == 1100.0);
  BOOST_TEST(bars[2].start_ms == 1500.0);
  BOOST_TEST(!bars[2].ready_ms.has_value());
  BOOST_TEST(bars[2].end_ms == 1600.0);
  BOOST_TEST(bars[2].outcome == "exit-code");
}

BOOST_AUTO_TEST_CASE(an_attempt_that_gave_up_before_a_restart_says_so) {
  oracle::UnitHistory history;
  history.unit = "container@bad.service";
  history.changes = {{0, "inactive", "dead"},       {1000, "activating", "start"},       {5000, "failed", "failed"},
                     {6000, "activating", "auto-restart"}, {106000, "activating", "start"}, {110000, "failed", "failed"}};
  history.result = "start-limit-hit";
  const auto bars = reports::timeline_bars(history, "observed");
  BOOST_REQUIRE(bars.size() == 2U);
  BOOST_TEST(bars[0].outcome == "restarted");
  BOOST_TEST(bars[1].outcome == "start-limit-hit");
}

BOOST_AUTO_TEST_CASE(a_prediction_s_warnings_go_into_the_report_and_its_notes_do_not) {
  const auto prediction = oracle::predict(
      oracle::parse_scenario_file(R"({ "containers": { "web": { "path": "/p", "timeoutStartSec": "1min\nKillMode=none",
          "bindMounts": { "/a b": {} } } } })"),
      oracle::Revision::r2022);
  const auto warnings = reports::prediction_warnings(prediction);
  BOOST_REQUIRE(warnings.size() == 1U);
  BOOST_TEST(warnings[0].starts_with("containers.web.timeoutStartSec: holds a line break"));
  BOOST_TEST(warnings[0].find("[Service] KillMode=none") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
