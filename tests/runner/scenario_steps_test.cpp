// How the scenario runner installs, starts and stops units in the shared sandbox: a target
// that is not loaded learns its new dependencies without a reload and is unloaded again, a
// stop signal that systemd-nspawn ignores does not hold up the stop, and the sandbox's first
// boot enables nothing the distribution's presets would.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <filesystem>

#include "ctrlab/oracle.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/runner/systemd_client.hpp"
#include "shared_runner.hpp"
#include "shared_sandbox.hpp"

namespace ctrlab::runner {
namespace {

struct Progress {
  std::vector<std::string> lines;

  [[nodiscard]] ScenarioRunOptions options() {
    ScenarioRunOptions run_options;
    run_options.progress = [this](const std::string& line) { lines.push_back(line); };
    return run_options;
  }
  [[nodiscard]] bool mentions(const std::string& text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return line.find(text) != std::string::npos; });
  }
};

oracle::Scenario one_container(const std::string& options) {
  return oracle::parse_scenario_file(R"({"containers": {"web": {)" + options +
                                     R"("path": "/nix/var/nix/profiles/per-container/web"}}})");
}

std::string final_state(const ScenarioRun& run) {
  const auto& change = run.observation.containers.at("web").unit_history->changes.back();
  return change.active_state + "/" + change.sub_state;
}

bool loaded(const std::string& unit) { return !testing::shared_runner().systemd().list_units({unit}).empty(); }

void report(const Progress& progress, const ScenarioRun& run) {
  for (const auto& line : progress.lines) BOOST_TEST_MESSAGE(line);
  for (const auto& problem : run.problems) BOOST_TEST_MESSAGE("problem: " << problem);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_steps)

BOOST_AUTO_TEST_CASE(the_sandbox_enables_nothing_at_first_boot_so_machines_target_is_not_loaded) {
  const auto& sandbox = testing::shared_sandbox();
  BOOST_TEST(!sandbox.files().exists("/etc/systemd/system/multi-user.target.wants"));
  BOOST_TEST(!loaded("machines.target"));
  // What /usr wants statically still runs: the bus the runner talks to, and the journal.
  BOOST_TEST(sandbox.files().exists("/run/dbus/system_bus_socket"));
  BOOST_TEST(testing::shared_runner().systemd().status("systemd-journald.service").active_state == "active");
}

BOOST_AUTO_TEST_CASE(autostart_containers_start_through_machines_target_without_a_reload_twice_in_a_row) {
  const auto scenario = one_container(R"("autoStart": true, )");
  const auto expected = suite::expect(scenario, oracle::Revision::r2022);
  for (int round = 0; round < 2; ++round) {
    Progress progress;
    const auto run = testing::shared_runner().run(expected, progress.options());
    report(progress, run);
    BOOST_TEST(run.problems.empty());
    BOOST_TEST(final_state(run) == "active/running");
    BOOST_TEST(progress.mentions("(through machines.target)"));
    BOOST_TEST(!progress.mentions("reloaded"));
    BOOST_TEST(!loaded("machines.target"));  // unloaded again, with its dependency on the removed unit
  }
}

BOOST_AUTO_TEST_CASE(a_loaded_target_learns_its_new_dependencies_by_a_reload) {
  // 2014's units are wanted by multi-user.target, which is always loaded.
  const auto scenario = one_container("");
  const auto expected = suite::expect(scenario, oracle::Revision::r2014);
  BOOST_REQUIRE(loaded("multi-user.target"));
  Progress progress;
  const auto run = testing::shared_runner().run(expected, progress.options());
  report(progress, run);
  BOOST_TEST(run.problems.empty());
  BOOST_TEST(progress.mentions("(through multi-user.target)"));
  BOOST_TEST(progress.mentions("systemd reloaded for the new dependencies of multi-user.target"));
  BOOST_TEST(loaded("multi-user.target"));
}

BOOST_AUTO_TEST_CASE(a_kill_signal_that_nspawn_ignores_does_not_hold_up_the_stop) {
  // 2018's KillSignal=WINCH: systemd would wait TimeoutStopSec (90 s) before its SIGKILL.
  const auto scenario = one_container(R"("privateNetwork": true, "hostAddress": "10.233.0.1", "localAddress": "10.233.0.2", )");
  const auto expected = suite::expect(scenario, oracle::Revision::r2018);
  Progress progress;
  auto options = progress.options();
  options.stop_timeout = std::chrono::minutes(5);
  const auto run = testing::shared_runner().run(expected, options);
  report(progress, run);
  BOOST_TEST(run.problems.empty());
  BOOST_TEST(run.observation.containers.at("web").unit_properties->at("KillSignal") == std::to_string(SIGWINCH));
  BOOST_TEST(final_state(run) == "active/running");
  BOOST_TEST(run.stopped_after - run.settled_after < options.stop_timeout);
  // The veth went with the container's namespace.
  BOOST_REQUIRE(run.observation.host_after_stop.has_value());
  for (const auto& link : run.observation.host_after_stop->links) BOOST_TEST(!link.name.starts_with("ve-"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
