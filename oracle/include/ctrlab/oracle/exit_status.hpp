#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/signal.hpp"

// How processes end, in systemd's words: ExecMainCode and ExecMainStatus, the exit-status
// names `systemctl status` prints ("status=203/EXEC"), and the exit-status lists of
// SuccessExitStatus=, RestartForceExitStatus= and RestartPreventExitStatus=.
namespace ctrlab::oracle {

// How a process ended, as waitid() reports it (CLD_EXITED 1, CLD_KILLED 2, CLD_DUMPED 3) and
// systemd publishes it in ExecMainCode.
enum class ExitCode { exited = 1, killed = 2, dumped = 3 };

// "exited", "killed", "dumped": the names the unit histories use.
[[nodiscard]] std::string_view to_string(ExitCode code);
// The code as D-Bus carries it (ExecMainCode); nullopt for 0 (the process has not ended) and
// anything else.
[[nodiscard]] std::optional<ExitCode> exit_code_from_number(int code);

struct ProcessExit {
  ExitCode code = ExitCode::exited;
  int status = 0;  // the exit status, or the signal number when killed or dumped

  [[nodiscard]] static ProcessExit exited_with(int status) { return {ExitCode::exited, status}; }
  [[nodiscard]] static ProcessExit killed_by(Signal signal) { return {ExitCode::killed, signal.number}; }
  [[nodiscard]] static ProcessExit dumped_by(Signal signal) { return {ExitCode::dumped, signal.number}; }

  friend bool operator==(const ProcessExit&, const ProcessExit&) = default;
};

// systemd 252's name for an exit status (every class: libc, LSB, BSD's sysexits.h, systemd's
// own 200-244 and 255): 0 SUCCESS, 1 FAILURE, 7 NOTRUNNING, 75 TEMPFAIL, 203 EXEC, ...;
// nullopt for a status without one.
[[nodiscard]] std::optional<std::string_view> exit_status_name(int status);
// An exit status as systemd reads one: a name above, or a number 0-255.
[[nodiscard]] std::optional<int> parse_exit_status(std::string_view word);

// Exit statuses and signals, as systemd's ExitStatusSet.
class ExitStatusSet {
 public:
  void add_status(int status);
  void add_signal(Signal signal);

  // systemd's exit_status_set_test(): an exit matches its status, a killed or dumped process
  // its signal.
  [[nodiscard]] bool contains(const ProcessExit& exit) const;
  [[nodiscard]] bool has_status(int status) const;
  [[nodiscard]] bool has_signal(Signal signal) const;
  [[nodiscard]] bool empty() const { return statuses_.none() && signals_.none(); }

  friend bool operator==(const ExitStatusSet&, const ExitStatusSet&) = default;

 private:
  std::bitset<256> statuses_;
  std::bitset<65> signals_;
};

// "133 SIGUSR1": the statuses in ascending order, then the signals' names.
[[nodiscard]] std::string to_string(const ExitStatusSet& set);

struct ExitStatusSetReading {
  ExitStatusSet set;
  std::vector<std::string> unknown_words;  // neither an exit status nor a signal
};

// Reads a whitespace-separated list as systemd reads SuccessExitStatus= and its kin: each word
// an exit status (parse_exit_status()) or else a signal (parse_signal()): "133 TEMPFAIL
// SIGUSR1". systemd skips an unknown word with a warning; the reading lists it.
[[nodiscard]] ExitStatusSetReading read_exit_status_set(std::string_view words);

}  // namespace ctrlab::oracle
