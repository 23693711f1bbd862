// `ctrlab run` as CI runs it: the whole scenario suite for real; Ctrl-C and kill -9 in the middle of
// a run; and in every case nothing of ctrlab's left on the machine, the host's network as it was.
#include <signal.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "ctrlab/runner/leftovers.hpp"
#include "ctrlab_process.hpp"
#include "host_state.hpp"
#include "shared_sandbox.hpp"

namespace ctrlab::runner {
namespace {

const std::filesystem::path source = CTRLAB_SOURCE_DIR;
const std::string steady = (source / "tests/runner/scenarios/steady.json").string();

// A container of the run is up: its systemd-nspawn runs inside the sandbox.
bool container_is_running(const std::string& container) {
  for (const auto& leftover : find_ctrlab_artifacts()) {
    if (leftover.kind == "process" && leftover.what.find(" -M " + container + " ") != std::string::npos) return true;
  }
  return false;
}

// A directory of scenario files for one test, removed after it.
class ScenarioDirectory {
 public:
  explicit ScenarioDirectory(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("ctrlab-run-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScenarioDirectory() { std::filesystem::remove_all(path_); }
  ScenarioDirectory(const ScenarioDirectory&) = delete;
  ScenarioDirectory& operator=(const ScenarioDirectory&) = delete;

  void copy(const std::filesystem::path& file, const std::string& as) const {
    std::filesystem::copy_file(file, path_ / (as + ".json"));
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path_ / (name + ".json")) << text; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A report with what only timing changes taken out: the times of cases and of the suite, the
// runner's log and the startup timeline (both timed), and every "N ms" in a text.
nlohmann::json without_timings(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json kept = nlohmann::json::object();
    for (const auto& [key, member] : value.items()) {
      if (key != "seconds" && key != "timestamp" && key != "log" && key != "timeline") kept[key] = without_timings(member);
    }
    return kept;
  }
  if (value.is_array()) {
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& member : value) kept.push_back(without_timings(member));
    return kept;
  }
  if (value.is_string()) return std::regex_replace(value.get<std::string>(), std::regex("[0-9]+ ms"), "N ms");
  return value;
}

nlohmann::json report_of(const std::filesystem::path& out) { return nlohmann::json::parse(std::ifstream(out / "report.json")); }

// The <testcase> elements of junit.xml, in their order.
std::vector<std::string> junit_cases(const std::filesystem::path& out) {
  std::stringstream text;
  text << std::ifstream(out / "junit.xml").rdbuf();
  const auto junit = text.str();
  std::vector<std::string> cases;
  const std::regex testcase(R"re(<testcase classname="[^"]*" name="([^"]*)")re");
  for (std::sregex_iterator it(junit.begin(), junit.end(), testcase), end; it != end; ++it) cases.push_back((*it)[1].str());
  return cases;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ctrlab_run)

// The whole suite (examples, NixOS tests, options), every revision each scenario lists: run
// for real, every case as predicted (issue #5: prediction equals observation in CI).
BOOST_AUTO_TEST_CASE(runs_every_scenario_for_real_as_predicted_and_writes_every_case) {
  const auto host_before = testing::host_network();
  const auto run_before = testing::host_run_entries();
  const auto out = std::filesystem::temp_directory_path() / ("ctrlab-run-test-suite-" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  testing::CtrlabProcess run({"run", (source / "scenarios").string(), "--out", out.string()});
  const auto exit_code = run.wait(std::chrono::seconds(900));
  BOOST_TEST_MESSAGE(run.output());
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 0, "ctrlab run exited " << *exit_code << ":\n" << run.output());

  const auto report = nlohmann::json::parse(std::ifstream(out / "report.json"));
  BOOST_TEST(report.at("cases").size() > 70U);
  for (const auto& each : report.at("cases")) {
    BOOST_TEST_CONTEXT(each.at("scenario").get<std::string>() << " " << each.at("revision").get<std::string>()) {
      const auto status = each.at("status").get<std::string>();
      BOOST_TEST((status == "passed" || status == "skipped"));
    }
  }
  for (const auto& file : std::filesystem::directory_iterator(out / "cases")) {
    const auto recorded = nlohmann::json::parse(std::ifstream(file.path()));
    BOOST_TEST(recorded.at("observation").at("adaptations").size() > 0U);
    BOOST_TEST(recorded.at("problems").empty());
  }
  for (const auto& name : {"junit.xml", "report.html", "summary.md"}) BOOST_TEST(std::filesystem::exists(out / name));
  std::filesystem::remove_all(out);
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
  BOOST_TEST(testing::host_run_entries() == run_before, boost::test_tools::per_element());
}

// Ctrl-C, kill, a closed terminal, Ctrl-\\ and a reader that went away (`ctrlab run | head`):
// each stops the run, which removes everything it made and exits 4.
const std::vector<int> ending_signals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};

// A run ended by a signal: exit 4, nothing of it left, the host's network as it was.
void require_interrupted_and_clean(testing::CtrlabProcess& run, const decltype(testing::host_network())& host_before) {
  const auto exit_code = run.wait(std::chrono::seconds(60));
  BOOST_TEST_MESSAGE(run.output());
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 4);
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

BOOST_DATA_TEST_CASE(a_signal_in_the_middle_of_a_run_exits_4_and_leaves_nothing,
                     boost::unit_test::data::make(ending_signals), signal_number) {
  const auto host_before = testing::host_network();
  const auto run_before = testing::host_run_entries();
  testing::CtrlabProcess run({"run", steady});
  BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
  run.send(signal_number);
  require_interrupted_and_clean(run, host_before);
  BOOST_TEST(testing::host_run_entries() == run_before, boost::test_tools::per_element());
}

// Two runs at once, each with its own TMPDIR: neither takes the other's live sandbox for a
// killed run's leftovers (a run's claim lives in /run/ctrlab, whatever its environment).
BOOST_AUTO_TEST_CASE(two_runs_with_different_tmpdirs_at_once_both_pass) {
  const auto base = std::filesystem::temp_directory_path() / ("ctrlab-run-test-tmpdirs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(base / "first");
  std::filesystem::create_directories(base / "second");
  testing::CtrlabProcess first({"run", steady}, {"TMPDIR=" + (base / "first").string()});
  BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
  testing::CtrlabProcess second({"run", steady}, {"TMPDIR=" + (base / "second").string()});
  const auto second_exit = second.wait(std::chrono::seconds(300));
  const auto first_exit = first.wait(std::chrono::seconds(300));
  BOOST_TEST_MESSAGE(first.output() << second.output());
  BOOST_TEST(first_exit.value_or(-1) == 0);
  BOOST_TEST(second_exit.value_or(-1) == 0);
  BOOST_TEST(first.output().find("removed what a killed run left") == std::string::npos);
  BOOST_TEST(second.output().find("removed what a killed run left") == std::string::npos);
  std::filesystem::remove_all(base);
  testing::require_nothing_left();
}

BOOST_AUTO_TEST_CASE(after_kill_9_in_the_middle_of_a_run_the_next_run_leaves_nothing) {
  const auto host_before = testing::host_network();
  const auto run_before = testing::host_run_entries();
  {
    testing::CtrlabProcess killed({"run", steady});
    BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
    killed.send(SIGKILL);
    BOOST_REQUIRE(killed.wait(std::chrono::seconds(10)) == -SIGKILL);
  }
  // The sandbox dies with its owner at once (no slow stop of its systemd)...
  const auto no_process_left = [] {
    const auto left = testing::leftovers_of_ended_runs();
    return std::none_of(left.begin(), left.end(), [](const Leftover& leftover) { return leftover.kind == "process"; });
  };
  BOOST_TEST(testing::eventually(no_process_left, std::chrono::seconds(5)));
  // ...but a killed run cannot remove its cgroups, work directory and claim itself.
  BOOST_TEST(!testing::leftovers_of_ended_runs().empty());

  // The next run removes them before it boots a sandbox of its own (Sandbox reaps the
  // leftovers of every ctrlab whose owner is gone), so its case runs as on a clean machine:
  // as predicted, exit 0.
  testing::CtrlabProcess next({"run", steady});
  const auto exit_code = next.wait(std::chrono::seconds(300));
  BOOST_TEST_MESSAGE(next.output());
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 0, "ctrlab run exited " << *exit_code << ":\n" << next.output());
  BOOST_TEST(next.output().find("removed what a killed run left") != std::string::npos,
             "the next run says what it removed:\n" << next.output());
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
  BOOST_TEST(testing::host_run_entries() == run_before, boost::test_tools::per_element());
}

// `--jobs 2`: two sandbox hosts side by side give the reports one gives, apart from timings: the
// same cases in the same order with the same verdicts, and the same exit code (2 here: a
// scenario does not parse). Each finished case has its own numbered line, and --verbose heads
// each of the runner's lines with its case. Two of the scenarios run a container of the same
// name, as scenarios of a suite do: each case has a sandbox to itself.
BOOST_AUTO_TEST_CASE(two_sandboxes_side_by_side_report_what_one_reports) {
  const ScenarioDirectory scenarios("jobs");
  scenarios.copy(source / "scenarios/nixos-tests/bridge.json", "bridge");
  scenarios.copy(source / "scenarios/options/timeout-start-sec.json", "timeout-start-sec");
  scenarios.copy(steady, "steady");
  scenarios.copy(steady, "steady-again");
  scenarios.write("broken", R"({"containers": []})");
  const auto out = scenarios.path() / "out";
  const auto run_with = [&](const std::string& jobs, const std::string& name) {
    testing::CtrlabProcess run({"run", scenarios.path().string(), "--filter", "^(bridge|steady|broken)|timeout-start-sec/2022",
                                "--jobs", jobs, "--verbose", "--out", (out / name).string()});
    const auto exit_code = run.wait(std::chrono::seconds(300));
    BOOST_TEST_MESSAGE(run.output());
    return std::pair(exit_code.value_or(-1), run.output());
  };
  const auto [one_exit, one_output] = run_with("1", "one");
  const auto [two_exit, two_output] = run_with("2", "two");
  BOOST_TEST(one_exit == 2);
  BOOST_TEST(two_exit == one_exit);
  BOOST_TEST(count_of(two_output, "up in ") == 2U, two_output);
  BOOST_TEST(count_of(one_output, "up in ") == 1U, one_output);

  const auto one = report_of(out / "one");
  const auto two = report_of(out / "two");
  BOOST_TEST(one.at("cases").size() == 8U);  // bridge x4, steady, steady-again, timeout-start-sec 2022, broken
  BOOST_TEST(without_timings(two).dump(1) == without_timings(one).dump(1));
  BOOST_TEST(junit_cases(out / "two") == junit_cases(out / "one"), boost::test_tools::per_element());
  std::set<std::string> records;
  for (const auto& file : std::filesystem::directory_iterator(out / "two" / "cases")) records.insert(file.path().filename());
  BOOST_TEST(records.size() == 7U);  // every case that ran

  for (std::size_t finished = 1; finished <= 7; ++finished) {
    BOOST_TEST(count_of(two_output, "\n[" + std::to_string(finished) + "/7] ") == 1U, two_output);
  }
  std::istringstream lines(two_output);
  std::size_t runner_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("      ")) continue;
    ++runner_lines;
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(std::regex_search(line, std::regex(R"(^      \[(bridge|steady|steady-again|timeout-start-sec) 20[0-9]{2}\] )")));
    }
  }
  BOOST_TEST(runner_lines > 7U);
  testing::require_nothing_left();
}

// Ctrl-C while two sandboxes run cases: both are taken down and everything removed, exit 4.
BOOST_AUTO_TEST_CASE(a_signal_stops_every_sandbox_of_a_run_side_by_side) {
  const auto host_before = testing::host_network();
  const ScenarioDirectory scenarios("jobs-signal");
  for (const auto& name : {"first", "second", "third", "fourth"}) scenarios.copy(steady, name);
  testing::CtrlabProcess run({"run", scenarios.path().string(), "--jobs", "2"});
  BOOST_REQUIRE(testing::eventually([&] { return count_of(run.output(), "up in ") == 2 && container_is_running("steady"); },
                                    std::chrono::seconds(60)));
  run.send(SIGINT);
  require_interrupted_and_clean(run, host_before);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
