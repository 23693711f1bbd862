#include "ctrlab/sim/time.hpp"

#include <array>
#include <utility>

namespace ctrlab::sim {

std::string format_duration(Duration span) {
  if (is_infinite(span)) return "infinity";
  if (span.count() == 0) return "0";
  // systemd's format_timespan() units, largest first.
  static constexpr std::array<std::pair<const char*, std::int64_t>, 6> units = {{
      {"d", 86'400'000'000LL},
      {"h", 3'600'000'000LL},
      {"min", 60'000'000LL},
      {"s", 1'000'000LL},
      {"ms", 1'000LL},
      {"us", 1LL},
  }};
  std::string text;
  std::int64_t left = span.count();
  if (left < 0) {
    text = "-";
    left = -left;
  }
  for (const auto& [name, size] : units) {
    if (left < size) continue;
    if (!text.empty() && text != "-") text += ' ';
    text += std::to_string(left / size) + name;
    left %= size;
  }
  return text;
}

}  // namespace ctrlab::sim
