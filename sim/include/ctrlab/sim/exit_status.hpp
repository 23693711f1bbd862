#pragma once

#include <bitset>
#include <compare>
#include <string>
#include <string_view>

#include "ctrlab/sim/signal.hpp"

namespace ctrlab::sim {

// How a process ended, as waitid() reports it (CLD_EXITED, CLD_KILLED, CLD_DUMPED) and
// systemd shows it in ExecMainCode.
enum class ExitCode { exited, killed, dumped };

[[nodiscard]] std::string_view to_string(ExitCode code);

struct ProcessExit {
  ExitCode code = ExitCode::exited;
  int status = 0;  // the exit status, or the signal number when killed or dumped

  [[nodiscard]] static ProcessExit exited_with(int status) { return {ExitCode::exited, status}; }
  [[nodiscard]] static ProcessExit killed_by(Signal signal) { return {ExitCode::killed, signal.number}; }
  [[nodiscard]] static ProcessExit dumped_by(Signal signal) { return {ExitCode::dumped, signal.number}; }

  friend bool operator==(const ProcessExit&, const ProcessExit&) = default;
};

// "exit 7", "signal SIGKILL", "core dump SIGABRT".
[[nodiscard]] std::string describe(const ProcessExit& exit);

// SuccessExitStatus=, RestartForceExitStatus=, RestartPreventExitStatus=: exit statuses and
// signals, as systemd's ExitStatusSet.
class ExitStatusSet {
 public:
  void add_status(int status) { statuses_.set(static_cast<std::size_t>(status)); }
  void add_signal(Signal signal) { signals_.set(static_cast<std::size_t>(signal.number)); }

  // systemd's exit_status_set_test(): an exit matches its status, a killed or dumped
  // process matches its signal.
  [[nodiscard]] bool contains(const ProcessExit& exit) const;
  [[nodiscard]] bool has_status(int status) const;
  [[nodiscard]] bool has_signal(Signal signal) const;
  [[nodiscard]] bool empty() const { return statuses_.none() && signals_.none(); }

  friend bool operator==(const ExitStatusSet&, const ExitStatusSet&) = default;

 private:
  std::bitset<256> statuses_;
  std::bitset<65> signals_;
};

// Parses a space-separated list: numbers 0-255, exit status names (SUCCESS, FAILURE, the LSB
// and BSD names such as NOTRUNNING or TEMPFAIL) and signal names (SIGTERM, TERM, RTMIN+3).
// Throws InputError naming `path` for a word that is none of these (systemd would skip it
// with a warning; a typo in a restart rule should not pass silently).
[[nodiscard]] ExitStatusSet parse_exit_status_set(std::string_view words, const std::string& path);

}  // namespace ctrlab::sim
