// Driving the sandbox's systemd over D-Bus and recording what it reports, with units written
// by hand (the scenario tests install predicted ones).
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/unit_recorder.hpp"
#include "shared_sandbox.hpp"

namespace ctrlab::runner {
namespace {

void write_unit(const Sandbox& sandbox, const std::string& name, const std::string& text) {
  sandbox.files().write_atomically(std::filesystem::path("/run/systemd/system") / name, text);
}

// systemd answers after it sent every signal of the states before: a failed unit without a
// job is failed for good (between restarts it is in auto-restart, or has a restart job).
bool failed_for_good(SystemdClient& client, const std::string& unit) {
  const auto status = client.status(unit);
  return status.active_state == "failed" && !status.job_pending;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(systemd_over_dbus)

BOOST_AUTO_TEST_CASE(a_service_exiting_7_is_restarted_until_the_start_limit) {
  auto& sandbox = testing::shared_sandbox();
  SystemdClient client(sandbox.bus_address());
  const std::string unit = "ctrlab-test-exit7.service";
  // Each start lives 100 ms, long enough for its exec to be seen in /proc.
  write_unit(sandbox, unit, "[Service]\nExecStart=/bin/sh -c \"sleep 0.1; exit 7\"\nRestart=on-failure\n");
  client.reload();

  UnitRecorder recorder(client, sandbox, {unit});
  client.start_unit(unit);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  BOOST_REQUIRE(recorder.run_until([&] { return failed_for_good(client, unit); }, deadline));
  const auto history = recorder.history(unit);

  // The initial start and 4 restarts run; the 5th restart is counted, then refused by the
  // start limit (5 starts in 10 s). Result keeps the first failure: exit-code, not start-limit-hit.
  BOOST_TEST(history.n_restarts == 5U);
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_code == "exited");
  BOOST_TEST(history.exec_main_status == 7);
  // Every state systemd passes through is published on its own, also failed on the way to
  // auto-restart and dead on the way back to start: a D-Bus observer sees all of them.
  std::vector<std::string> seen;
  for (const auto& change : history.changes) seen.push_back(change.active_state + "/" + change.sub_state);
  std::vector<std::string> expected{"inactive/dead"};
  for (int start = 0; start < 5; ++start) {
    expected.insert(expected.end(), {"active/running", "failed/failed", "activating/auto-restart", "inactive/dead"});
  }
  expected.push_back("failed/failed");  // the start limit refuses the 6th start
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
  for (std::size_t i = 1; i < history.changes.size(); ++i) BOOST_TEST(history.changes[i].at >= history.changes[i - 1].at);
  BOOST_TEST(recorder.exec_argvs(unit).size() == 5U);
  BOOST_TEST((recorder.exec_argvs(unit).front() == oracle::Argv{"/bin/sh", "-c", "sleep 0.1; exit 7"}));
  client.reset_failed_unit(unit);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
