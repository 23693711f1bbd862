// `ctrlab sim` as a user runs it: the summary, the JSON, and clear errors with exit code 2.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string issue_65001 = std::string(CTRLAB_SOURCE_DIR) + "/sim/calibrations/issue-65001.json";

}  // namespace

BOOST_AUTO_TEST_SUITE(sim_command)

BOOST_AUTO_TEST_CASE(help_explains_every_option) {
  const auto result = run_ctrlab({"sim", "--help"});
  BOOST_TEST(result.exit_code == 0);
  for (const char* option : {"--containers", "--cores", "--timeout-start", "--calibration", "--revision", "--seed",
                             "--horizon", "--json"}) {
    BOOST_TEST(contains(result.out, option), option);
  }
}

BOOST_AUTO_TEST_CASE(prints_percentiles_counts_and_the_time_until_all_are_ready) {
  const auto result = run_ctrlab({"sim", "--containers", "10", "--cores", "2"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(contains(result.out, "10 containers autostarting on 2 cores"));
  BOOST_TEST(contains(result.out, "ready           10 of 10"));
  BOOST_TEST(contains(result.out, "p50 "));
  BOOST_TEST(contains(result.out, "p99 "));
  BOOST_TEST(contains(result.out, "all ready       after "));
  BOOST_TEST(contains(result.out, "timed out       0 containers"));
}

BOOST_AUTO_TEST_CASE(reproduces_issue_65001) {
  const auto at_15s =
      run_ctrlab({"sim", "--containers", "100", "--calibration", issue_65001, "--timeout-start", "15s", "--json"});
  BOOST_TEST_REQUIRE(at_15s.exit_code == 0);
  const auto failing = nlohmann::json::parse(at_15s.out);
  BOOST_TEST(failing.at("timedOut").get<int>() >= 90);
  BOOST_TEST(failing.at("allReadyAfterSeconds").is_null());

  const auto at_10min =
      run_ctrlab({"sim", "--containers", "100", "--calibration", issue_65001, "--timeout-start", "10min", "--json"});
  BOOST_TEST_REQUIRE(at_10min.exit_code == 0);
  const auto working = nlohmann::json::parse(at_10min.out);
  BOOST_TEST(working.at("ready").get<int>() == 100);
  BOOST_TEST(working.at("timedOut").get<int>() == 0);
  BOOST_TEST(working.at("readySeconds").at("p50").get<double>() > 300.0);
  BOOST_TEST(working.at("allReadyAfterSeconds").get<double>() < 600.0);
  BOOST_TEST(working.at("timeoutStartSeconds").get<double>() == 600.0);
  BOOST_TEST(working.at("calibration") == "issue-65001");
}

BOOST_AUTO_TEST_CASE(the_same_seed_prints_the_same_and_another_seed_differs) {
  const std::vector<std::string> args = {"sim", "--containers", "50", "--json", "--seed", "7"};
  const auto first = run_ctrlab(args);
  const auto second = run_ctrlab(args);
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(first.out == second.out);
  const auto other = run_ctrlab({"sim", "--containers", "50", "--json", "--seed", "8"});
  BOOST_TEST(other.out != first.out);
}

BOOST_AUTO_TEST_CASE(bad_options_exit_2_with_a_reason) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"sim"}, "--containers N is required"},
      {{"sim", "--containers", "0"}, "--containers must be from 1 to"},
      {{"sim", "--containers", "many"}, "expects a non-negative integer"},
      {{"sim", "--containers", "5", "--cores", "0"}, "--cores must be from 1"},
      {{"sim", "--containers", "5", "--timeout-start", "soon"}, "expects a time span"},
      {{"sim", "--containers", "5", "--revision", "2019"}, "--revision takes 2014, 2018, 2021, 2022 or 2025, not '2019'"},
      {{"sim", "--containers", "5", "--horizon", "infinity"}, "--horizon must be a finite"},
      {{"sim", "--containers", "5", "--contianers", "6"}, "did you mean '--containers'"},
      {{"sim", "--containers", "5", "extra"}, "unexpected argument 'extra'"},
  };
  for (const auto& [args, message] : cases) {
    const auto result = run_ctrlab(args);
    BOOST_TEST(result.exit_code == 2, args.back());
    BOOST_TEST(contains(result.err, message), result.err);
  }
}

BOOST_AUTO_TEST_CASE(a_bad_calibration_file_names_the_json_path) {
  const TemporaryDirectory directory;
  const auto negative = directory.write("negative.json", R"({"phases": {"init_until_ready": {"cpu_seconds": -1}}})");
  auto result = run_ctrlab({"sim", "--containers", "5", "--calibration", negative.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "$.phases.init_until_ready.cpu_seconds: expected a number of seconds"));
  BOOST_TEST(contains(result.err, negative.string()));

  const auto typo = directory.write("typo.json", R"({"phases": {"init_until_redy": {"cpu_seconds": 1}}})");
  result = run_ctrlab({"sim", "--containers", "5", "--calibration", typo.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "$.phases.init_until_redy: unknown key"));

  const auto broken = directory.write("broken.json", "{\"phases\": ");
  result = run_ctrlab({"sim", "--containers", "5", "--calibration", broken.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "not valid JSON"));

  result = run_ctrlab({"sim", "--containers", "5", "--calibration", (directory.path() / "missing.json").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(contains(result.err, "missing.json"));
}

BOOST_AUTO_TEST_SUITE_END()
