#pragma once

#include <optional>
#include <string_view>

#include "ctrlab/sim/time.hpp"

namespace ctrlab::sim {

// Parses a systemd time span as systemd.time(7) defines it: "90s", "1min", "2min 30s",
// "1.5h", "100ms", "infinity"; a bare number counts in seconds. nullopt for anything else.
[[nodiscard]] std::optional<Duration> parse_timespan(std::string_view text);

}  // namespace ctrlab::sim
