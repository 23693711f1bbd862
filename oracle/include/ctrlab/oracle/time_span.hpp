#pragma once

#include <chrono>
#include <optional>
#include <string_view>

// Time spans as systemd reads them in unit files and prints them in `systemctl show`
// (systemd.time(7); parse_sec() in systemd 252). The judge compares TimeoutStartSec= with the
// TimeoutStartUSec systemd loaded, the simulator reads the unit's timeouts with it.
namespace ctrlab::oracle {

// systemd counts time spans in microseconds (usec_t).
using TimeSpan = std::chrono::microseconds;

// systemd's USEC_INFINITY ("infinity"): a timeout that never fires.
inline constexpr TimeSpan infinite_time_span = TimeSpan::max();

// Reads a time span as parse_sec() does: one or more "<number>[<unit>]" components, summed
// ("1min 30s", "5s500ms", "3.1 sec .2 sec"), where a number may have a decimal fraction
// ("1.5h", ".7") and a missing unit means seconds; or "infinity". Units: us, usec, µs, μs;
// ms, msec; s, sec, second(s); m, min, minute(s); h, hr, hour(s); d, day(s); w, week(s);
// M, month(s) (30.44 days); y, year(s) (365.25 days). Whitespace may surround components and
// separate a number from its unit. nullopt where systemd refuses the text: nothing to read,
// a negative number, a dot without digits after it, a word that is no unit right after a
// number, a sum beyond systemd's range. A span too long for TimeSpan (over 292,000 years,
// which systemd still takes as finite) is infinite_time_span: it never fires either.
[[nodiscard]] std::optional<TimeSpan> parse_time_span(std::string_view text);

[[nodiscard]] constexpr bool is_infinite(TimeSpan span) { return span == infinite_time_span; }

}  // namespace ctrlab::oracle
