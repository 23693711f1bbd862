#include "ctrlab/sim/signal.hpp"

#include <array>
#include <charconv>

namespace ctrlab::sim {
namespace {

// Index = signal number; the classic 31 signals as Linux numbers them.
constexpr std::array<std::string_view, 32> classic_names = {
    "",     "HUP",  "INT",    "QUIT", "ILL",  "TRAP", "ABRT",  "BUS",  "FPE",    "KILL", "USR1",
    "SEGV", "USR2", "PIPE",   "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG",  "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "IO",   "PWR",  "SYS"};

std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" within the real-time range.
std::optional<int> parse_realtime(std::string_view text) {
  const bool from_min = text.starts_with("RTMIN");
  const bool from_max = text.starts_with("RTMAX");
  if (!from_min && !from_max) return std::nullopt;
  const std::string_view rest = text.substr(5);
  int offset = 0;
  if (!rest.empty()) {
    if (rest.front() != (from_min ? '+' : '-')) return std::nullopt;
    const auto number = parse_number(rest.substr(1));
    if (!number) return std::nullopt;
    offset = *number;
  }
  const int value = from_min ? signals::rtmin.number + offset : signals::rtmax.number - offset;
  if (value < signals::rtmin.number || value > signals::rtmax.number) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Signal> parse_signal(std::string_view text) {
  if (const auto number = parse_number(text)) {
    if (*number >= 1 && *number <= signals::rtmax.number) return Signal{*number};
    return std::nullopt;
  }
  if (text.starts_with("SIG")) text.remove_prefix(3);
  for (std::size_t number = 1; number < classic_names.size(); ++number) {
    if (classic_names[number] == text) return Signal{static_cast<int>(number)};
  }
  if (text == "POLL") return Signal{29};
  if (text == "IOT") return signals::abort;
  if (const auto realtime = parse_realtime(text)) return Signal{*realtime};
  return std::nullopt;
}

std::string signal_name(Signal signal) {
  const int number = signal.number;
  if (number >= 1 && static_cast<std::size_t>(number) < classic_names.size()) {
    return "SIG" + std::string(classic_names[static_cast<std::size_t>(number)]);
  }
  if (number == signals::rtmin.number) return "SIGRTMIN";
  if (number > signals::rtmin.number && number <= signals::rtmax.number) {
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

}  // namespace ctrlab::sim
