#include "ctrlab/sim/exit_status.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

#include "ctrlab/sim/input_error.hpp"

namespace ctrlab::sim {
namespace {

// systemd's exit-status.c names for the libc, LSB and BSD (sysexits.h) ranges.
constexpr std::array<std::pair<std::string_view, int>, 23> exit_status_names = {{
    {"SUCCESS", 0},      {"FAILURE", 1},     {"INVALIDARGUMENT", 2}, {"NOTIMPLEMENTED", 3},
    {"NOPERMISSION", 4}, {"NOTINSTALLED", 5}, {"NOTCONFIGURED", 6},  {"NOTRUNNING", 7},
    {"USAGE", 64},       {"DATAERR", 65},    {"NOINPUT", 66},        {"NOUSER", 67},
    {"NOHOST", 68},      {"UNAVAILABLE", 69}, {"SOFTWARE", 70},      {"OSERR", 71},
    {"OSFILE", 72},      {"CANTCREAT", 73},  {"IOERR", 74},          {"TEMPFAIL", 75},
    {"PROTOCOL", 76},    {"NOPERM", 77},     {"CONFIG", 78},
}};

std::optional<int> parse_exit_status(std::string_view word) {
  int value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error == std::errc{} && end == word.data() + word.size()) {
    if (value >= 0 && value <= 255) return value;
    return std::nullopt;
  }
  for (const auto& [name, status] : exit_status_names) {
    if (name == word) return status;
  }
  return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

}  // namespace

std::string_view to_string(ExitCode code) {
  switch (code) {
    case ExitCode::exited: return "exited";
    case ExitCode::killed: return "killed";
    case ExitCode::dumped: return "dumped";
  }
  return "exited";
}

std::string describe(const ProcessExit& exit) {
  switch (exit.code) {
    case ExitCode::exited: return "exit " + std::to_string(exit.status);
    case ExitCode::killed: return "signal " + signal_name(Signal{exit.status});
    case ExitCode::dumped: return "core dump " + signal_name(Signal{exit.status});
  }
  return {};
}

bool ExitStatusSet::contains(const ProcessExit& exit) const {
  if (exit.code == ExitCode::exited) return has_status(exit.status);
  return has_signal(Signal{exit.status});
}

bool ExitStatusSet::has_status(int status) const {
  return status >= 0 && status < 256 && statuses_.test(static_cast<std::size_t>(status));
}

bool ExitStatusSet::has_signal(Signal signal) const {
  return signal.number > 0 && signal.number < 65 && signals_.test(static_cast<std::size_t>(signal.number));
}

ExitStatusSet parse_exit_status_set(std::string_view words, const std::string& path) {
  ExitStatusSet set;
  std::size_t position = 0;
  while (position < words.size()) {
    while (position < words.size() && is_space(words[position])) ++position;
    std::size_t end = position;
    while (end < words.size() && !is_space(words[end])) ++end;
    if (end == position) break;
    const std::string_view word = words.substr(position, end - position);
    if (const auto status = parse_exit_status(word)) {
      set.add_status(*status);
    } else if (const auto signal = parse_signal(word)) {
      set.add_signal(*signal);
    } else {
      throw InputError(path, "'" + std::string(word) +
                                 "' is not an exit status (0-255 or a name such as TEMPFAIL) or a signal name");
    }
    position = end;
  }
  return set;
}

}  // namespace ctrlab::sim
