#pragma once

#include <string>
#include <vector>

// What /proc says about processes.
namespace ctrlab::runner::sys {

// The parts of a NUL-separated /proc text (cmdline, environ).
[[nodiscard]] std::vector<std::string> split_nul_separated(const std::string& text);

}  // namespace ctrlab::runner::sys
