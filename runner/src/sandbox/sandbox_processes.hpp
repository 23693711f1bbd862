#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "ctrlab/runner/sandbox.hpp"

// Processes inside the sandbox, which systemd names by the pids of the sandbox's own PID
// namespace; the host's /proc names them differently.
namespace ctrlab::runner::sandbox_processes {

// argv of a process of the sandbox; nullopt when it is gone.
[[nodiscard]] std::optional<std::vector<std::string>> cmdline(const Sandbox& sandbox, pid_t pid_in_sandbox);
// The target of its /proc/PID/exe; nullopt when it is gone.
[[nodiscard]] std::optional<std::string> executable(const Sandbox& sandbox, pid_t pid_in_sandbox);
// The pid the host gives a process that the sandbox calls `pid_in_sandbox`.
[[nodiscard]] std::optional<pid_t> host_pid(const Sandbox& sandbox, pid_t pid_in_sandbox);
// The host pids of a host process's children.
[[nodiscard]] std::vector<pid_t> children(pid_t host_pid);

}  // namespace ctrlab::runner::sandbox_processes
