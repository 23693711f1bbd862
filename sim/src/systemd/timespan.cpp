#include "ctrlab/sim/timespan.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

namespace ctrlab::sim {
namespace {

constexpr std::int64_t second = 1'000'000;

// systemd.time(7) unit names. Longer names come before their prefixes ("ms" before "m").
constexpr std::array<std::pair<std::string_view, std::int64_t>, 30> units = {{
    {"seconds", second},
    {"second", second},
    {"minutes", 60 * second},
    {"minute", 60 * second},
    {"months", 2'629'800 * second},
    {"month", 2'629'800 * second},
    {"hours", 3600 * second},
    {"hour", 3600 * second},
    {"weeks", 604'800 * second},
    {"week", 604'800 * second},
    {"years", 31'557'600 * second},
    {"year", 31'557'600 * second},
    {"days", 86'400 * second},
    {"day", 86'400 * second},
    {"msec", 1000},
    {"usec", 1},
    {"min", 60 * second},
    {"sec", second},
    {"\xC2\xB5s", 1},  // µs (micro sign)
    {"\xCE\xBCs", 1},  // μs (Greek mu)
    {"ms", 1000},
    {"us", 1},
    {"hr", 3600 * second},
    {"s", second},
    {"m", 60 * second},
    {"M", 2'629'800 * second},
    {"h", 3600 * second},
    {"d", 86'400 * second},
    {"w", 604'800 * second},
    {"y", 31'557'600 * second},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::int64_t unit_at(std::string_view& text) {
  for (const auto& [name, size] : units) {
    if (text.starts_with(name)) {
      text.remove_prefix(name.size());
      return size;
    }
  }
  return second;  // no unit: seconds
}

// One "<number>[.<fraction>] [unit]" component; nullopt when malformed or overflowing.
std::optional<std::int64_t> component(std::string_view& text) {
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();
  std::int64_t whole = 0;
  std::size_t digits = 0;
  while (!text.empty() && is_digit(text.front())) {
    if (whole > (limit - 9) / 10) return std::nullopt;
    whole = whole * 10 + (text.front() - '0');
    text.remove_prefix(1);
    ++digits;
  }
  std::int64_t fraction = 0;
  std::int64_t fraction_scale = 1;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    while (!text.empty() && is_digit(text.front())) {
      if (fraction_scale < 1'000'000'000) {  // finer than a nanosecond cannot matter
        fraction = fraction * 10 + (text.front() - '0');
        fraction_scale *= 10;
      }
      text.remove_prefix(1);
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  const std::int64_t size = unit_at(text);
  if (whole > limit / size) return std::nullopt;
  return whole * size + fraction * size / fraction_scale;
}

}  // namespace

std::optional<Duration> parse_timespan(std::string_view text) {
  text = trim(text);
  if (text == "infinity") return infinite_duration;
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!text.empty()) {
    const auto part = component(text);
    if (!part || total > std::numeric_limits<std::int64_t>::max() - *part) return std::nullopt;
    total += *part;
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  }
  if (total == std::numeric_limits<std::int64_t>::max()) return infinite_duration;
  return Duration(total);
}

}  // namespace ctrlab::sim
