#include "ctrlab/oracle/signal.hpp"

#include <array>

namespace ctrlab::oracle {
namespace {

// Index = signal number: the 31 classic signals as Linux numbers them, named as systemd names
// them (no aliases such as IOT or POLL).
constexpr std::array<std::string_view, 32> classic_names = {
    "",     "HUP",  "INT",  "QUIT", "ILL",  "TRAP", "ABRT", "BUS",    "FPE",  "KILL",  "USR1",
    "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG",  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO",  "PWR",  "SYS"};

constexpr int realtime_span = signals::rtmax.number - signals::rtmin.number;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits only, nothing else, no larger than `limit`.
std::optional<int> small_number(std::string_view text, int limit) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > limit) return std::nullopt;
  }
  return value;
}

// A signal given as its number: optional leading whitespace and '+', then digits.
std::optional<Signal> numbered(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto number = small_number(text, signals::rtmax.number);
  if (!number || *number < 1) return std::nullopt;
  return Signal{*number};
}

// "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" with 0 <= n <= SIGRTMAX - SIGRTMIN.
std::optional<Signal> realtime(std::string_view text) {
  const bool from_min = text.starts_with("RTMIN");
  if (!from_min && !text.starts_with("RTMAX")) return std::nullopt;
  const std::string_view rest = text.substr(5);
  if (rest.empty()) return from_min ? signals::rtmin : signals::rtmax;
  if (rest.front() != (from_min ? '+' : '-')) return std::nullopt;
  const auto offset = small_number(rest.substr(1), realtime_span);
  if (!offset) return std::nullopt;
  return Signal{from_min ? signals::rtmin.number + *offset : signals::rtmax.number - *offset};
}

}  // namespace

std::optional<Signal> parse_signal(std::string_view text) {
  if (const auto signal = numbered(text)) return signal;
  if (text.starts_with("SIG")) text.remove_prefix(3);
  for (std::size_t number = 1; number < classic_names.size(); ++number) {
    if (classic_names[number] == text) return Signal{static_cast<int>(number)};
  }
  return realtime(text);
}

std::string signal_name(Signal signal) {
  const int number = signal.number;
  if (number >= 1 && static_cast<std::size_t>(number) < classic_names.size()) {
    return "SIG" + std::string(classic_names[static_cast<std::size_t>(number)]);
  }
  if (number >= signals::rtmin.number && number <= signals::rtmax.number) {
    return "SIGRTMIN+" + std::to_string(number - signals::rtmin.number);
  }
  return std::to_string(number);
}

DefaultAction default_action(Signal signal) {
  switch (signal.number) {
    case 3: case 4: case 5: case 6: case 7: case 8: case 11: case 24: case 25: case 31:
      return DefaultAction::core_dump;
    case 17: case 23: case 28:
      return DefaultAction::ignore;
    case 19: case 20: case 21: case 22:
      return DefaultAction::stop;
    case 18:
      return DefaultAction::resume;
    default:
      return DefaultAction::terminate;
  }
}

}  // namespace ctrlab::oracle
