#pragma once

#include <optional>
#include <string_view>

#include "ctrlab/sim/systemd_vocabulary.hpp"
#include "ctrlab/sim/service_types.hpp"

// How systemd judges a process exit and decides on an automatic restart (src/core/service.c
// service_sigchld_event(), service_shall_restart(); src/shared/exit-status.c is_clean_exit()).
namespace ctrlab::sim {

// Whose exit is judged: a daemon's main process, or a command (a control process such as
// ExecStartPre=, or any process of a Type=oneshot service).
enum class ExitJudged { daemon, command };

// Exit 0 or a listed SuccessExitStatus= is clean; for daemons SIGHUP, SIGINT, SIGTERM and
// SIGPIPE are clean too (a daemon without handlers for them was just told to go).
[[nodiscard]] bool is_clean_exit(const ProcessExit& exit, ExitJudged judged, const ExitStatusSet& success);

// The Result a process exit gives: success, exit-code, signal or core-dump.
[[nodiscard]] ServiceResult result_of_exit(const ProcessExit& exit, ExitJudged judged,
                                           const ExitStatusSet& success);

// The exit causes of table 2 in systemd.service(5) ("Exit causes and the effect of the
// Restart= settings"), classified from a Result and the main process's exit.
enum class ExitCause { clean, unclean_exit_code, unclean_signal, timeout, watchdog, other };

[[nodiscard]] ExitCause exit_cause(ServiceResult result);

// Whether Restart= alone restarts after a run that ended with `result` (table 2).
[[nodiscard]] bool restart_setting_restarts(RestartPolicy policy, ServiceResult result);

struct RestartQuestion {
  RestartPolicy policy = RestartPolicy::no;
  ServiceResult result = ServiceResult::success;
  std::optional<ProcessExit> main_exit;  // the main process's exit, if it ran and ended
  const ExitStatusSet* prevent = nullptr;  // RestartPreventExitStatus=
  const ExitStatusSet* force = nullptr;    // RestartForceExitStatus=
  bool manual_stop = false;                // systemctl stop (forbid_restart)
};

struct RestartDecision {
  bool restart = false;
  std::string_view reason;  // systemd's debug-log reason: "manual stop", "forced by exit status", ...
};

// service_shall_restart(): a manual stop never restarts; then RestartPreventExitStatus= wins,
// then RestartForceExitStatus= restarts whatever Restart= says, then Restart= decides.
[[nodiscard]] RestartDecision shall_restart(const RestartQuestion& question);

}  // namespace ctrlab::sim
