// `ctrlab run` as CI runs it: the whole scenario suite for real; Ctrl-C and kill -9 in the middle of
// a run; and in every case nothing of ctrlab's left on the machine, the host's network as it was.
#include <signal.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

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

BOOST_DATA_TEST_CASE(a_signal_in_the_middle_of_a_run_exits_4_and_leaves_nothing,
                     boost::unit_test::data::make(ending_signals), signal_number) {
  const auto host_before = testing::host_network();
  const auto run_before = testing::host_run_entries();
  testing::CtrlabProcess run({"run", steady});
  BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
  run.send(signal_number);
  const auto exit_code = run.wait(std::chrono::seconds(60));
  BOOST_TEST_MESSAGE(run.output());
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 4);
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
