#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include <string>
#include <vector>

// What /proc says about processes.
namespace ctrlab::runner::sys {

// The parts of a NUL-separated /proc text (cmdline, environ).
[[nodiscard]] std::vector<std::string> split_nul_separated(const std::string& text);
// /proc/PID (the host's pid).
[[nodiscard]] std::filesystem::path proc_of(pid_t pid);
// Which namespace of a kind ("net", "user", "pid") a process is in: its /proc/PID/ns/KIND
// link's target, e.g. "net:[4026531840]"; empty when the process is gone.
[[nodiscard]] std::filesystem::path namespace_of(pid_t pid, std::string_view kind);

}  // namespace ctrlab::runner::sys
