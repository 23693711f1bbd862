#include "ctrlab/oracle/exit_status.hpp"

#include <utility>

namespace ctrlab::oracle {
namespace {

// systemd 252's exit-status table (exit_status_to_string() with every class). 223 and 234 are
// retired, 245-254 unassigned.
constexpr std::pair<int, std::string_view> exit_status_names[] = {
    // libc
    {0, "SUCCESS"}, {1, "FAILURE"},
    // LSB init scripts
    {2, "INVALIDARGUMENT"}, {3, "NOTIMPLEMENTED"}, {4, "NOPERMISSION"}, {5, "NOTINSTALLED"},
    {6, "NOTCONFIGURED"}, {7, "NOTRUNNING"},
    // BSD's sysexits.h
    {64, "USAGE"}, {65, "DATAERR"}, {66, "NOINPUT"}, {67, "NOUSER"}, {68, "NOHOST"},
    {69, "UNAVAILABLE"}, {70, "SOFTWARE"}, {71, "OSERR"}, {72, "OSFILE"}, {73, "CANTCREAT"},
    {74, "IOERR"}, {75, "TEMPFAIL"}, {76, "PROTOCOL"}, {77, "NOPERM"}, {78, "CONFIG"},
    // systemd's own: what failed while setting up the process
    {200, "CHDIR"}, {201, "NICE"}, {202, "FDS"}, {203, "EXEC"}, {204, "MEMORY"}, {205, "LIMITS"},
    {206, "OOM_ADJUST"}, {207, "SIGNAL_MASK"}, {208, "STDIN"}, {209, "STDOUT"}, {210, "CHROOT"},
    {211, "IOPRIO"}, {212, "TIMERSLACK"}, {213, "SECUREBITS"}, {214, "SETSCHEDULER"},
    {215, "CPUAFFINITY"}, {216, "GROUP"}, {217, "USER"}, {218, "CAPABILITIES"}, {219, "CGROUP"},
    {220, "SETSID"}, {221, "CONFIRM"}, {222, "STDERR"}, {224, "PAM"}, {225, "NETWORK"},
    {226, "NAMESPACE"}, {227, "NO_NEW_PRIVILEGES"}, {228, "SECCOMP"}, {229, "SELINUX_CONTEXT"},
    {230, "PERSONALITY"}, {231, "APPARMOR"}, {232, "ADDRESS_FAMILIES"}, {233, "RUNTIME_DIRECTORY"},
    {235, "CHOWN"}, {236, "SMACK_PROCESS_LABEL"}, {237, "KEYRING"}, {238, "STATE_DIRECTORY"},
    {239, "CACHE_DIRECTORY"}, {240, "LOGS_DIRECTORY"}, {241, "CONFIGURATION_DIRECTORY"},
    {242, "NUMA_POLICY"}, {243, "CREDENTIALS"}, {244, "BPF"},
    // a process ended by a signal, propagated as an exit status (as bash does)
    {255, "EXCEPTION"},
};

constexpr std::pair<ExitCode, std::string_view> exit_code_names[] = {
    {ExitCode::exited, "exited"}, {ExitCode::killed, "killed"}, {ExitCode::dumped, "dumped"}};

constexpr int highest_status = 255;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string_view to_string(ExitCode code) {
  for (const auto& [candidate, name] : exit_code_names) {
    if (candidate == code) return name;
  }
  return "exited";
}

std::optional<ExitCode> exit_code_from_number(int code) {
  for (const auto& [candidate, name] : exit_code_names) {
    if (static_cast<int>(candidate) == code) return candidate;
  }
  return std::nullopt;
}

std::optional<std::string_view> exit_status_name(int status) {
  for (const auto& [number, name] : exit_status_names) {
    if (number == status) return name;
  }
  return std::nullopt;
}

std::optional<int> parse_exit_status(std::string_view word) {
  for (const auto& [number, name] : exit_status_names) {
    if (name == word) return number;
  }
  if (word.empty()) return std::nullopt;
  int value = 0;
  for (const char c : word) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > highest_status) return std::nullopt;
  }
  return value;
}

void ExitStatusSet::add_status(int status) {
  if (status >= 0 && status <= highest_status) statuses_.set(static_cast<std::size_t>(status));
}

void ExitStatusSet::add_signal(Signal signal) {
  if (signal.number > 0 && signal.number <= signals::rtmax.number) signals_.set(static_cast<std::size_t>(signal.number));
}

bool ExitStatusSet::contains(const ProcessExit& exit) const {
  if (exit.code == ExitCode::exited) return has_status(exit.status);
  return has_signal(Signal{exit.status});
}

bool ExitStatusSet::has_status(int status) const {
  return status >= 0 && status <= highest_status && statuses_.test(static_cast<std::size_t>(status));
}

bool ExitStatusSet::has_signal(Signal signal) const {
  return signal.number > 0 && signal.number <= signals::rtmax.number &&
         signals_.test(static_cast<std::size_t>(signal.number));
}

std::string to_string(const ExitStatusSet& set) {
  std::string text;
  const auto append = [&text](const std::string& word) { text += (text.empty() ? "" : " ") + word; };
  for (int status = 0; status <= highest_status; ++status) {
    if (set.has_status(status)) append(std::to_string(status));
  }
  for (int number = 1; number <= signals::rtmax.number; ++number) {
    if (set.has_signal(Signal{number})) append(signal_name(Signal{number}));
  }
  return text;
}

ExitStatusSetReading read_exit_status_set(std::string_view words) {
  ExitStatusSetReading reading;
  std::size_t position = 0;
  while (position < words.size()) {
    while (position < words.size() && is_space(words[position])) ++position;
    std::size_t end = position;
    while (end < words.size() && !is_space(words[end])) ++end;
    if (end == position) break;
    const std::string_view word = words.substr(position, end - position);
    if (const auto status = parse_exit_status(word)) {
      reading.set.add_status(*status);
    } else if (const auto signal = parse_signal(word)) {
      reading.set.add_signal(*signal);
    } else {
      reading.unknown_words.emplace_back(word);
    }
    position = end;
  }
  return reading;
}

}  // namespace ctrlab::oracle
