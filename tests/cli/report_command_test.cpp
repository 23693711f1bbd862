#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace {

std::string shard(const std::string& scenario, const std::string& status) {
  const auto none = nlohmann::json::array();
  nlohmann::json c = {{"scenario", scenario}, {"revision", "2022"}, {"status", status}, {"seconds", 1.0},
                      {"cause", ""},          {"aspects", none},    {"adaptations", none},  {"timeline", none},
                      {"warnings", none},     {"journal", none},    {"log", none}};
  return nlohmann::json{{"schemaVersion", 2}, {"ctrlabVersion", "0.1.0"}, {"name", "suite"},
                        {"timestamp", ""},    {"hostname", "h"},          {"cases", {c}}}
      .dump();
}

// `ctrlab report SHARDS... --out DIR/out`.
ProgramResult merged(const TemporaryDirectory& dir, const std::vector<std::filesystem::path>& shards) {
  std::vector<std::string> args{"report"};
  for (const auto& path : shards) args.push_back(path.string());
  args.insert(args.end(), {"--out", (dir.path() / "out").string()});
  return run_ctrlab(args);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_command)

BOOST_AUTO_TEST_CASE(shards_are_merged_into_every_format) {
  const TemporaryDirectory dir;
  const auto result = merged(dir, {dir.write("a.json", shard("a", "passed")), dir.write("b.json", shard("b", "passed"))});
  BOOST_TEST(result.exit_code == 0);
  for (const char* name : {"junit.xml", "report.json", "report.html", "summary.md"}) {
    BOOST_TEST(std::filesystem::exists(dir.path() / "out" / name), name);
  }
  std::ifstream report(dir.path() / "out" / "report.json");
  BOOST_TEST(nlohmann::json::parse(report)["cases"].size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_failed_case_makes_the_exit_code_one) {
  const TemporaryDirectory dir;
  BOOST_TEST(merged(dir, {dir.write("a.json", shard("a", "failed"))}).exit_code == 1);
}

BOOST_AUTO_TEST_CASE(a_shard_that_is_not_a_report_is_an_input_error) {
  const TemporaryDirectory dir;
  const auto bad = dir.write("bad.json", R"({"schemaVersion": 2, "ctrlabVersion": "0.1.0", "name": "x", "timestamp": "",
                                             "hostname": "", "cases": [{"scenario": 3}]})");
  const auto result = merged(dir, {bad});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab report: at $.cases[0].scenario: expected a string\n");
  BOOST_TEST(!std::filesystem::exists(dir.path() / "out"));
  const auto not_json = dir.write("not.json", "{");
  const auto parse = merged(dir, {not_json});
  BOOST_TEST(parse.exit_code == 2);
  BOOST_TEST(parse.err.find("expected a JSON document") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_case_in_two_shards_is_refused) {
  const TemporaryDirectory dir;
  const auto result = merged(dir, {dir.write("a.json", shard("a", "passed")), dir.write("again.json", shard("a", "failed"))});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab report: at shard 2 case a [2022]: expected each case in one shard only (it is also in "
                           "shard 1)\n");
  BOOST_TEST(!std::filesystem::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(out_is_required) {
  const TemporaryDirectory dir;
  const auto a = dir.write("a.json", shard("a", "passed"));
  const auto result = run_ctrlab({"report", a.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.starts_with("ctrlab report: --out DIR is required"));
}

BOOST_AUTO_TEST_SUITE_END()
