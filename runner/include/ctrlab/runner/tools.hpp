#pragma once

#include <filesystem>
#include <string_view>

// The runner's own programs that run inside the sandbox (built in runner/probe).
namespace ctrlab::runner::tools {

inline constexpr std::string_view probe_program = "ctrlab-probe";
inline constexpr std::string_view commands_program = "ctrlab-commands";

// Where a tool is: $CTRLAB_TOOLS_DIR if set, else beside the running program, else where
// this build put it. Throws RunnerError naming the places it looked.
[[nodiscard]] std::filesystem::path locate(std::string_view program);

}  // namespace ctrlab::runner::tools
