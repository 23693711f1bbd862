#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/verdict.hpp"
#include "ctrlab/reports/formats.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;

BOOST_AUTO_TEST_SUITE(json_format)

BOOST_AUTO_TEST_CASE(a_report_survives_a_round_trip) {
  const auto original = to_json(sample_report());
  BOOST_TEST(to_json(suite_from_json(original)) == original);
}

BOOST_AUTO_TEST_CASE(warnings_causes_journals_and_logs_survive_a_round_trip) {
  auto json = to_json(sample_report_with_a_warning());
  BOOST_TEST(json["cases"][0]["warnings"][0] == "containers.webserver.timeoutStartSec: holds a line break: <injected> & more");
  BOOST_TEST(json["cases"][1]["cause"] == "routes: 1 route differs");
  BOOST_TEST(json["cases"][1]["journal"][0]["unit"] == "container@webserver4.service");
  BOOST_TEST(json["cases"][1]["log"][1] == "340 ms: settled");
  BOOST_TEST(to_json(suite_from_json(json)) == json);
  json["cases"][0]["warnings"] = {1};
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError,
                        [](const ReportError& e) { return e.json_path == "$.cases[0].warnings[0]"; });
}

BOOST_AUTO_TEST_CASE(the_json_states_the_versions_and_the_counts) {
  const auto json = to_json(sample_report());
  BOOST_TEST(json["schemaVersion"] == report_schema_version);
  BOOST_TEST(json["ctrlabVersion"] == "0.1.0");
  BOOST_TEST(json["cases"][0]["timeline"][0]["attempt"] == 1);
  BOOST_TEST(json["counts"]["passed"] == 1);
  BOOST_TEST(json["counts"]["failed"] == 1);
  BOOST_TEST(json["cases"][0]["timeline"][0]["readyMs"] == 412.0);
}

BOOST_AUTO_TEST_CASE(aspects_and_differences_have_the_oracles_json_form) {
  const auto json = to_json(sample_report());
  const auto& routes = json["cases"][1]["aspects"][2];
  BOOST_TEST(routes["aspect"] == "routes");
  BOOST_TEST(routes["status"] == "failed");
  BOOST_TEST(json["cases"][1]["aspects"][1]["status"] == "notObserved");
  const auto& missing = routes["differences"][0];
  BOOST_TEST(missing == nlohmann::json(sample_report().cases[1].aspects[2].differences[0]));  // oracle's to_json
  BOOST_TEST(missing["kind"] == "missing");
  BOOST_TEST(missing["subject"] == "container webserver4");
  BOOST_TEST(missing["text"] ==
             "missing    container webserver4 routes[default via 10.231.136.1 dev eth0]: predicted present, not observed");
}

BOOST_AUTO_TEST_CASE(a_bad_shard_names_the_path_and_the_expected_form) {
  auto json = to_json(sample_report());
  json["cases"][1]["status"] = "exploded";
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError, [](const ReportError& e) {
    return std::string(e.what()) == "at $.cases[1].status: expected one of passed, failed, error, skipped (got \"exploded\")";
  });
  json = to_json(sample_report());
  json["cases"][0]["aspects"][0].erase("status");
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError, [](const ReportError& e) {
    return e.json_path == "$.cases[0].aspects[0].status";
  });
  json = to_json(sample_report());
  json["cases"][1]["aspects"][2]["differences"][0]["kind"] = "gone";
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError, [](const ReportError& e) {
    return std::string(e.what()) ==
           "at $.cases[1].aspects[2].differences[0].kind: expected one of missing, unexpected, changed (got \"gone\")";
  });
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(nlohmann::json::array())), ReportError,
                        [](const ReportError& e) { return std::string(e.what()) == "at $: expected an object"; });
}

BOOST_AUTO_TEST_CASE(a_shard_of_another_schema_is_refused) {
  auto json = to_json(sample_report());
  json["schemaVersion"] = 1;
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError, [](const ReportError& e) {
    return std::string(e.what()) == "at $.schemaVersion: expected report schema 2, the one this ctrlab reads (got 1)";
  });
  json.erase("schemaVersion");
  BOOST_CHECK_EXCEPTION(static_cast<void>(suite_from_json(json)), ReportError,
                        [](const ReportError& e) { return e.json_path == "$.schemaVersion"; });
}

BOOST_AUTO_TEST_CASE(shards_merge_in_scenario_order_from_the_earliest_start) {
  const auto whole = sample_report();
  SuiteReport first{"scenarios", "2026-11-22T20:05:00Z", "runner-b", "0.1.0", {whole.cases[2], whole.cases[3]}};
  SuiteReport second{"scenarios", "2026-11-22T20:00:00Z", "runner-a", "0.1.0", {whole.cases[1], whole.cases[0]}};
  const auto merged = merge_shards({first, second});
  BOOST_TEST(merged.timestamp == "2026-11-22T20:00:00Z");
  BOOST_TEST(merged.hostname == "runner-a,runner-b");
  BOOST_TEST(merged.ctrlab_version == "0.1.0");
  BOOST_REQUIRE(merged.cases.size() == 4U);
  BOOST_TEST(merged.cases[0].scenario == "nixos-tests/bridge");
  BOOST_TEST(merged.cases[1].scenario == "nixos-tests/ip");
  BOOST_TEST(merged.cases[2].scenario == "options/bad");
  BOOST_TEST(merged.cases[3].scenario == "options/ephemeral");
}

BOOST_AUTO_TEST_CASE(a_case_in_two_shards_is_refused) {
  const auto whole = sample_report();
  BOOST_CHECK_EXCEPTION(static_cast<void>(merge_shards({whole, whole})), ReportError, [](const ReportError& e) {
    return std::string(e.what()) ==
           "at shard 2 case nixos-tests/bridge [2022]: expected each case in one shard only (it is also in shard 1)";
  });
}

BOOST_AUTO_TEST_SUITE_END()
