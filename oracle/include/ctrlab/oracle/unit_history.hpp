#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What happened to one systemd service over a run, as systemd reports it over D-Bus.
// The runner observes it; the sim predicts it; the judge compares the two. The names
// and values are systemd's own (org.freedesktop.systemd1.Unit / .Service properties).
namespace ctrlab::oracle {

// Microseconds on a monotonic clock, relative to the start request of the scenario.
using MonotonicUsec = std::int64_t;

struct UnitStateChange {
  MonotonicUsec at = 0;
  std::string active_state;  // inactive, activating, active, deactivating, failed
  std::string sub_state;     // dead, start, running, auto-restart, stop-sigterm, failed, ...
};

struct UnitHistory {
  std::string unit;                        // e.g. container@web.service
  std::vector<UnitStateChange> changes;    // in time order, first the state before the start
  std::string result;                      // success, exit-code, signal, timeout, start-limit-hit, ...
  std::uint32_t n_restarts = 0;            // NRestarts
  std::string exec_main_code;              // exited, killed, dumped (CLD_* names), empty if never ran
  int exec_main_status = 0;                // exit status or signal number of the main process
  std::optional<MonotonicUsec> active_enter;  // ActiveEnterTimestampMonotonic, if it became active
  std::optional<MonotonicUsec> inactive_exit; // InactiveExitTimestampMonotonic, if it left inactive
  // Predicted only: in some start the main process ends (or says STOPPING=1) while
  // ExecStartPost= runs, so which end systemd sees first is a race (unit_outcome.hpp).
  bool exits_may_race = false;
};

// How a unit's stop ends, as systemd reports it once the unit is at rest again.
struct StopOutcome {
  std::string active_state;  // inactive or failed
  std::string sub_state;     // dead or failed
  std::string result;        // success, signal, timeout, ...
  std::string exec_main_code;
  int exec_main_status = 0;
  // The stop signal is one systemd-nspawn ignores (2018's WINCH): on a host systemd waits
  // TimeoutStopSec= and then SIGKILLs the unit (Result=timeout); the sandbox's runner sends
  // that SIGKILL as soon as the stop began, so systemd reports the main process killed
  // (Result=signal). The outcome is the runner's; the wait it shortened is named here.
  std::optional<std::string> shortened_wait;  // e.g. "TimeoutStopSec=1min 30s"
};

}  // namespace ctrlab::oracle
