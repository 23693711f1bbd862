#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "ctrlab/oracle/time_span.hpp"

// Simulated time. The simulation never reads a clock: time is a number of microseconds
// since the scenario's first start request, advanced only by the engine.
namespace ctrlab::sim {

using Duration = std::chrono::microseconds;

struct SimClock {
  using rep = std::int64_t;
  using period = std::micro;
  using duration = Duration;
  using time_point = std::chrono::time_point<SimClock>;
  static constexpr bool is_steady = true;
};

using SimTime = SimClock::time_point;

// systemd's USEC_INFINITY: a timeout that never fires ("infinity", or 0 for TimeoutStartSec).
inline constexpr Duration infinite_duration = oracle::infinite_time_span;
inline constexpr SimTime never = SimTime::max();

using oracle::is_infinite;

// `at + span`, where an infinite span (or an overflow) gives `never`.
[[nodiscard]] constexpr SimTime later(SimTime at, Duration span) {
  if (is_infinite(span) || at == never) return never;
  if (span.count() > 0 && at.time_since_epoch().count() > SimTime::max().time_since_epoch().count() - span.count()) {
    return never;
  }
  return at + span;
}

[[nodiscard]] constexpr std::int64_t to_usec(SimTime at) { return at.time_since_epoch().count(); }
[[nodiscard]] constexpr SimTime from_usec(std::int64_t usec) { return SimTime(Duration(usec)); }

// Human-readable span as systemd prints it ("1min 30s", "250ms", "infinity").
[[nodiscard]] std::string format_duration(Duration span);

}  // namespace ctrlab::sim
