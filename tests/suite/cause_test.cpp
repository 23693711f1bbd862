// The cause of each recorded run that did not pass, read from what it observed; a broken
// harness is an error, a differing verdict a failure.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "recorded_runs.hpp"

using ctrlab::reports::CaseStatus;

BOOST_AUTO_TEST_SUITE(failure_causes)

BOOST_AUTO_TEST_CASE(nspawn_failing_before_the_init_is_named_with_its_own_words) {
  const auto outcome = recorded::judged("private-users", recorded::run("private-users"));
  BOOST_TEST((outcome.report.status == CaseStatus::failed));
  BOOST_TEST(outcome.report.cause ==
             "nspawn failed before the container's init ran: Failed to set up ID mapped mounts: Operation not permitted");
  BOOST_REQUIRE(outcome.report.journal.size() == 1U);
  BOOST_TEST(outcome.report.journal[0].unit == "container@pu.service");
  BOOST_TEST(outcome.report.log == std::vector<std::string>{"12 ms: installed"});
}

BOOST_AUTO_TEST_CASE(an_unpredicted_refusal_of_nspawns_argv_is_named) {
  // The run of a container with --no-such-option, held against the same container without it.
  auto run = recorded::run("bad-flag");
  const auto as_recorded = recorded::judged("bad-flag", run);
  BOOST_TEST(as_recorded.passed);  // the refusal was predicted
  BOOST_TEST(as_recorded.report.cause.empty());
  BOOST_TEST(as_recorded.report.journal.empty());  // journals only for what did not pass
  auto scenario_without_the_flag = recorded::scenario("bad-flag");
  scenario_without_the_flag.containers.begin()->second.extraFlags.reset();
  const ctrlab::suite::Case c{"bad-flag", scenario_without_the_flag, ctrlab::oracle::Revision::r2022};
  const auto outcome = ctrlab::suite::judge_case(c, ctrlab::suite::expect(c.scenario, c.revision), run);
  BOOST_TEST((outcome.report.status == CaseStatus::failed));
  BOOST_TEST(outcome.report.cause == "nspawn refused its argv: unrecognized option '--no-such-option'");
}

BOOST_AUTO_TEST_CASE(a_run_that_never_settled_could_not_be_judged) {
  const auto outcome = recorded::judged("hang", recorded::run("hang"));
  BOOST_TEST((outcome.report.status == CaseStatus::error));
  BOOST_TEST(outcome.report.cause == "did not settle within 120000 ms: container@slow.service");
}

BOOST_AUTO_TEST_CASE(a_start_timeout_is_named_with_the_units_timeout) {
  auto run = recorded::run("hang");
  run.problems.clear();
  run.observation.containers.at("slow").unit_history->result = "timeout";
  run.observation.containers.at("slow").unit_history->n_restarts = 0;
  const auto outcome = recorded::judged("hang", run);
  BOOST_TEST((outcome.report.status == CaseStatus::failed));
  BOOST_TEST(outcome.report.cause == "container@slow.service timed out after 2s");
}

BOOST_AUTO_TEST_CASE(a_crashed_probe_is_an_error_with_its_last_words) {
  auto run = recorded::run("private-users");
  run.unit_logs.at("container@pu.service") +=
      "terminate called after throwing an instance of 'std::filesystem::__cxx11::filesystem_error'\n"
      "  what():  filesystem error: cannot create directories: Permission denied [/ctrlab-probe]\n";
  const auto outcome = recorded::judged("private-users", run);
  BOOST_TEST((outcome.report.status == CaseStatus::error));
  BOOST_TEST(outcome.report.cause ==
             "container init crashed in pu:   what():  filesystem error: cannot create directories: Permission denied "
             "[/ctrlab-probe]");
}

BOOST_AUTO_TEST_CASE(a_probe_that_reports_its_own_failure_is_an_error) {
  auto run = recorded::run("restart");
  run.probe_reports.at("exits").back().error = "no plan at /ctrlab-probe/plan.json";
  run.observation.containers.at("exits").unit_history->n_restarts = 1;  // and the verdict differs
  const auto outcome = recorded::judged("restart", run);
  BOOST_TEST((outcome.report.status == CaseStatus::error));
  BOOST_TEST(outcome.report.cause == "container init failed in exits: no plan at /ctrlab-probe/plan.json");
}

BOOST_AUTO_TEST_CASE(the_restarted_units_timeline_has_a_bar_per_start_attempt) {
  const auto outcome = recorded::judged("restart", recorded::run("restart"));
  BOOST_TEST(outcome.passed);
  const auto& bars = outcome.report.timeline;
  const auto attempts = [&](const std::string& source) {
    return std::count_if(bars.begin(), bars.end(), [&](const auto& bar) {
      return bar.unit == "container@exits.service" && bar.source == source;
    });
  };
  BOOST_TEST(attempts("observed") == 6);  // 5 runs, then the restart the start limit refused
  BOOST_TEST(attempts("predicted") == 6);
  const auto last = std::find_if(bars.rbegin(), bars.rend(), [](const auto& bar) {
    return bar.unit == "container@exits.service" && bar.source == "observed";
  });
  BOOST_TEST(last->outcome == "start refused");
  for (const auto& bar : bars) {
    BOOST_TEST(bar.end_ms >= bar.start_ms);
    if (bar.ready_ms) BOOST_TEST(*bar.ready_ms >= bar.start_ms);
  }
}

BOOST_AUTO_TEST_CASE(a_record_that_is_not_one_names_what_is_missing) {
  BOOST_CHECK_EXCEPTION(static_cast<void>(ctrlab::suite::run_from_record(nlohmann::json::object())),
                        ctrlab::oracle::InputError,
                        [](const ctrlab::oracle::InputError& e) { return e.json_path() == "$.observation"; });
}

BOOST_AUTO_TEST_SUITE_END()
