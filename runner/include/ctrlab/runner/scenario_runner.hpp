#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/runner/payload.hpp"
#include "ctrlab/runner/probe_protocol.hpp"

// Running one case's expectation for real in a sandbox: install it as NixOS would, start the units
// (autoStart ones through their targets, as boot does), record what systemd reports until
// every unit has settled, observe argv, unit properties, network commands and the network,
// stop everything, uninstall, and check the sandbox is as clean as before.
namespace ctrlab::runner {

class Sandbox;
class SystemdClient;

struct ScenarioRunOptions {
  // Until every unit has settled: up and staying up, or stopped for good.
  std::chrono::milliseconds settle_timeout{120'000};
  // A graceful stop during which no unit comes to rest for this long is finished with SIGKILL
  // (e.g. 2018's KillSignal=WINCH, which nspawn ignores: that SIGKILL is sent as soon as such
  // a stop began, and listed as an adaptation). How each stop ended (state, Result, main exit)
  // is judged; a graceful stop takes tens of milliseconds, hundreds of units side by side take
  // seconds in all.
  std::chrono::milliseconds stop_timeout{500};
  // Called with one line of progress at a time.
  std::function<void(const std::string&)> progress;
  // What every container boots once the module's container-side steps are done.
  Payload payload = Payload::probe;
  // Observe only the units (histories, properties), the probe's reports and when each payload
  // finished booting: mass runs, where argv, network, mounts and reachability are not the question
  // and reading them for hundreds of containers would take longer than the start.
  bool units_only = false;
  // Called right before the start requests and right after every unit settled: what a caller
  // measures about the machine in between is the start's alone (not installing, observing, stopping).
  std::function<void()> on_start_requested;
  std::function<void()> on_settled;
};

struct ScenarioRun {
  oracle::Observation observation;
  std::map<std::string, std::vector<probe::BootReport>> probe_reports;  // by container, per boot
  std::map<std::string, std::string> unit_logs;  // journal lines of units that did not end up active
  std::vector<std::string> problems;  // what kept the run from observing everything
  std::optional<std::string> not_runnable;  // why the sandbox host cannot run it at all (a limit of the boundary)
  std::chrono::microseconds duration{0};       // install to uninstalled
  std::chrono::microseconds stopped_after{0};  // install until every unit stopped (before taking back)
  std::chrono::microseconds settled_after{0};  // from the start request until every unit settled
  // CLOCK_MONOTONIC in microseconds at the start request: the zero of the run's relative times.
  std::int64_t start_request_usec = 0;
  // By container, CLOCK_MONOTONIC in microseconds: when its payload said it finished booting
  // (the probe just before READY=1; the container's systemd: FinishTimestampMonotonic). Missing
  // where it did not.
  std::map<std::string, std::int64_t> boot_finished_usec;
  // By unit: its history until it stopped (observation.containers holds it until it settled).
  std::map<std::string, oracle::UnitHistory> histories_after_stop;
};

class ScenarioRunner {
 public:
  // Connects to the sandbox's systemd and notes the sandbox's clean state.
  explicit ScenarioRunner(Sandbox& sandbox);
  ~ScenarioRunner();
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;

  // Runs what `expected` renders for real, on its host network, each container's init doing
  // what its behaviour says. Throws RunnerError when the sandbox cannot run it at all
  // (Interrupted on a signal); otherwise what went wrong is in `problems`.
  ScenarioRun run(const oracle::Expectation& expected, const ScenarioRunOptions& options = {});

  [[nodiscard]] SystemdClient& systemd();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ctrlab::runner
