// What a suite is made of: names below the scenario root however its path was written,
// --filter, --shard, duplicate names refused, and a scenario that does not parse reported as
// an errored case while the rest is checked.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace {

const std::string web = R"({"revisions": ["2021", "2022"], "containers": {"web": {"path": "/p"}}})";

// A suite folder: suite/examples/veth.json and suite/other/bridge.json, snapshots of it.
struct Suite {
  TemporaryDirectory dir;
  Suite() {
    std::filesystem::create_directories(dir.path() / "suite/examples");
    std::filesystem::create_directories(dir.path() / "suite/other");
    static_cast<void>(dir.write("suite/examples/veth.json", web));
    static_cast<void>(dir.write("suite/other/bridge.json", web));
    const auto written = run_ctrlab({"snapshot", root(), "--into", snapshots()});
    BOOST_REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  }
  [[nodiscard]] std::string root() const { return (dir.path() / "suite").string(); }
  [[nodiscard]] std::string snapshots() const { return (dir.path() / "snapshots").string(); }
  [[nodiscard]] std::string out() const { return (dir.path() / "out").string(); }
  [[nodiscard]] nlohmann::json report() const {
    std::ifstream in(dir.path() / "out/report.json");
    return nlohmann::json::parse(in);
  }
  [[nodiscard]] std::vector<std::string> case_names() const {
    std::vector<std::string> names;
    const auto document = report();
    for (const auto& c : document["cases"]) names.push_back(c["scenario"].get<std::string>() + "/" + c["revision"].get<std::string>());
    return names;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(suite_control)

BOOST_AUTO_TEST_CASE(a_scenario_has_one_name_however_its_path_is_written) {
  const Suite suite;
  const auto relative = std::filesystem::relative(suite.dir.path() / "suite/examples/veth.json");
  for (const auto& file : {(suite.dir.path() / "suite/examples/veth.json").string(),
                                 (suite.dir.path() / "suite/./examples/../examples/veth.json").string(), relative.string()}) {
    for (const auto& root : {suite.root(), suite.root() + "/", (suite.dir.path() / "suite/examples/..").string()}) {
      BOOST_TEST_CONTEXT(file << " below " << root) {
        const auto result = run_ctrlab({"check", file, "--root", root, "--against", suite.snapshots(), "--reports", suite.out()});
        BOOST_TEST(result.exit_code == 0, result.err);
        BOOST_TEST(suite.case_names() == (std::vector<std::string>{"examples/veth/2021", "examples/veth/2022"}),
                   boost::test_tools::per_element());
      }
    }
  }
  const auto outside = run_ctrlab({"check", (suite.dir.path() / "suite/examples/veth.json").string(), "--root",
                                   (suite.dir.path() / "suite/other").string(), "--against", suite.snapshots()});
  BOOST_TEST(outside.exit_code == 2);
  BOOST_TEST(outside.err.find("is not below the scenario root") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_files_of_one_name_are_refused) {
  const Suite suite;
  const auto result = run_ctrlab({"check", suite.root() + "/examples", suite.root() + "/other", "--against", suite.snapshots()});
  BOOST_TEST(result.exit_code == 1);  // veth and bridge: named below their own folders, no snapshots there
  static_cast<void>(suite.dir.write("suite/other/veth.json", web));
  const auto twice = run_ctrlab({"check", suite.root() + "/examples", suite.root() + "/other", "--against", suite.snapshots()});
  BOOST_TEST(twice.exit_code == 2);
  BOOST_TEST(twice.err.starts_with("ctrlab check: two scenario files are named veth: "));
  BOOST_TEST(twice.err.find("give --root DIR") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_filter_takes_cases_by_scenario_and_revision) {
  const Suite suite;
  const auto result = run_ctrlab(
      {"check", suite.root(), "--against", suite.snapshots(), "--filter", "veth/2022|bridge/2021", "--reports", suite.out()});
  BOOST_TEST(result.exit_code == 0, result.err);
  BOOST_TEST(suite.case_names() == (std::vector<std::string>{"examples/veth/2022", "other/bridge/2021"}),
             boost::test_tools::per_element());
  const auto bad = run_ctrlab({"check", suite.root(), "--against", suite.snapshots(), "--filter", "(veth"});
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(bad.err.starts_with("ctrlab check: --filter takes a regular expression (ECMAScript), not '(veth'"));
}

BOOST_AUTO_TEST_CASE(shards_split_the_suite_into_disjoint_parts) {
  const Suite suite;
  std::vector<std::string> all;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const auto result =
        run_ctrlab({"check", suite.root(), "--against", suite.snapshots(), "--shard", shard, "--reports", suite.out()});
    BOOST_TEST(result.exit_code == 0, result.err);
    const auto names = suite.case_names();
    BOOST_TEST(!names.empty());
    all.insert(all.end(), names.begin(), names.end());
  }
  std::sort(all.begin(), all.end());
  BOOST_TEST(all == (std::vector<std::string>{"examples/veth/2021", "examples/veth/2022", "other/bridge/2021", "other/bridge/2022"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_scenario_that_does_not_parse_is_an_errored_case_and_the_rest_is_checked) {
  const Suite suite;
  static_cast<void>(suite.dir.write("suite/other/broken.json", R"({"containers": {"web": {"privateNetwork": "yes"}}})"));
  const auto result = run_ctrlab({"check", suite.root(), "--against", suite.snapshots(), "--reports", suite.out()});
  BOOST_TEST(result.exit_code == 2);
  const auto report = suite.report();
  BOOST_REQUIRE(report["cases"].size() == 5U);
  const auto& broken = report["cases"][4];  // other/bridge's two cases come before it
  BOOST_TEST(broken["scenario"] == "other/broken");
  BOOST_TEST(broken["revision"] == "");
  BOOST_TEST(broken["status"] == "error");
  const auto cause = broken["cause"].get<std::string>();
  BOOST_TEST(cause.find("broken.json") != std::string::npos, cause);
  BOOST_TEST(cause.find("containers.web.privateNetwork") != std::string::npos, cause);
  BOOST_TEST(report["counts"]["passed"] == 4);
  BOOST_TEST(report["counts"]["errors"] == 1);
  BOOST_TEST(result.out.find("ERROR   other/broken: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reports_say_ctrlabs_version_and_their_schema) {
  const Suite suite;
  BOOST_TEST(run_ctrlab({"check", suite.root(), "--against", suite.snapshots(), "--reports", suite.out()}).exit_code == 0);
  const auto version = run_ctrlab({"--version"}).out;
  BOOST_TEST(version == "ctrlab " + suite.report()["ctrlabVersion"].get<std::string>() + "\n");
  BOOST_TEST(suite.report()["schemaVersion"] == 2);
}

// --jobs takes a whole number of sandbox hosts; anything else is refused before the suite is
// read or anything boots (exit 2, the option named), and `run --help` says what it does.
BOOST_AUTO_TEST_CASE(run_refuses_a_jobs_option_that_is_not_a_number_of_sandboxes) {
  const Suite suite;
  for (const std::string jobs : {"0", "65", "two", "-1", "", "2.5", "1e2"}) {
    BOOST_TEST_CONTEXT("--jobs '" << jobs << "'") {
      const auto refused = run_ctrlab({"run", suite.root(), "--jobs", jobs, "--out", suite.out()});
      BOOST_TEST(refused.exit_code == 2);
      BOOST_TEST(refused.err.find("--jobs expects a whole number of sandbox hosts from 1 to 64, got '" + jobs + "'") !=
                     std::string::npos,
                 refused.err);
      BOOST_TEST(!std::filesystem::exists(suite.out()));
    }
  }
  const auto help = run_ctrlab({"run", "--help"});
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(help.out.find("--jobs N") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
