#pragma once

#include <string>
#include <vector>

#include "ctrlab/oracle/observation.hpp"

namespace ctrlab::runner {

// Parses /proc/PID/mountinfo text (proc(5)), one mount per line in mount order: the mount
// point (its \ooo escapes undone), the mount's own read-only flag, and the file system type.
// Malformed lines are skipped.
[[nodiscard]] std::vector<oracle::ObservedMount> parse_mountinfo(const std::string& text);

}  // namespace ctrlab::runner
