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
  const auto bar = reports::timeline_bar(history, "observed");
  BOOST_TEST(bar.start_ms == 1.0);
  BOOST_REQUIRE(bar.ready_ms.has_value());
  BOOST_TEST(*bar.ready_ms == 350.0);
  BOOST_TEST(bar.outcome == "success");
}

BOOST_AUTO_TEST_CASE(a_unit_that_timed_out_is_a_bar_to_its_last_change) {
  oracle::UnitHistory history;
  history.unit = "container@slow.service";
  history.changes = {{0, "inactive", "dead"}, {2000, "activating", "start"}, {90002000, "failed", "failed"}};
  history.inactive_exit = 2000;
  history.result = "timeout";
  const auto bar = reports::timeline_bar(history, "predicted");
  BOOST_TEST(!bar.ready_ms.has_value());
  BOOST_TEST(bar.end_ms == 90002.0);
  BOOST_TEST(bar.outcome == "timeout");
  BOOST_TEST(bar.source == "predicted");
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
