// `ctrlab run` as CI runs it: the whole scenario suite for real; Ctrl-C and kill -9 in the middle of
// a run; and in every case nothing of ctrlab's left on the machine, the host's network as it was.
#include <signal.h>
#include <unistd.h>

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

// Whether an artifact belongs to the sandbox of a ctrlab that still runs (another engineer's
// suite on the same machine): sandboxes are named ctrlab-sandbox-OWNERPID-N.
bool owned_by_a_live_run(const Leftover& leftover) {
  constexpr std::string_view prefix = "ctrlab-sandbox-";
  const auto at = leftover.what.find(prefix);
  if (at == std::string::npos) return false;
  const auto owner = std::atol(leftover.what.c_str() + at + prefix.size());
  return owner > 0 && ::kill(static_cast<pid_t>(owner), 0) == 0;
}

// ctrlab's artifacts on the machine, except the test module's own shared sandbox and those
// of runs that still go on (the runs these tests start have ended when this is asked).
std::vector<Leftover> leftovers() {
  std::vector<Leftover> found;
  const auto shared = testing::shared_sandbox_name();
  for (auto& leftover : find_ctrlab_artifacts()) {
    const bool ours = !shared.empty() && leftover.what.find(shared) != std::string::npos;
    if (!ours && !owned_by_a_live_run(leftover)) found.push_back(std::move(leftover));
  }
  return found;
}

void require_nothing_left() {
  const auto left = leftovers();
  for (const auto& leftover : left) BOOST_TEST_MESSAGE("left: " << leftover.kind << " " << leftover.what);
  BOOST_TEST(left.empty());
}

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
  require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

BOOST_AUTO_TEST_CASE(ctrl_c_in_the_middle_of_a_run_exits_4_and_leaves_nothing) {
  const auto host_before = testing::host_network();
  testing::CtrlabProcess run({"run", steady});
  BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
  run.send(SIGINT);
  const auto exit_code = run.wait(std::chrono::seconds(60));
  BOOST_TEST_MESSAGE(run.output());
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 4);
  require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

BOOST_AUTO_TEST_CASE(after_kill_9_in_the_middle_of_a_run_the_next_run_leaves_nothing) {
  const auto host_before = testing::host_network();
  {
    testing::CtrlabProcess killed({"run", steady});
    BOOST_REQUIRE(testing::eventually([] { return container_is_running("steady"); }, std::chrono::seconds(60)));
    killed.send(SIGKILL);
    BOOST_REQUIRE(killed.wait(std::chrono::seconds(10)) == -SIGKILL);
  }
  BOOST_TEST(!leftovers().empty());  // a killed run cannot clean up after itself

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
  require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
