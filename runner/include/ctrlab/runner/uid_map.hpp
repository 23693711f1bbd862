#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ctrlab/oracle/user_namespace.hpp"

namespace ctrlab::runner {

// Parses /proc/PID/uid_map as this machine's initial user namespace reads it (its ids) into
// the ids of the sandbox's namespace, which maps host ids [first, first + size) to 0..size-1:
// what systemd-nspawn in the sandbox wrote. Malformed lines are skipped; an id outside the
// sandbox's range (which a namespace nested in the sandbox cannot map) is kept as it is.
[[nodiscard]] std::vector<oracle::IdMapping> uid_map_in_the_sandboxs_ids(const std::string& host_view, std::uint64_t first,
                                                                          std::uint64_t size);

}  // namespace ctrlab::runner
