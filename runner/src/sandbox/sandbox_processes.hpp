#pragma once

#include <sys/types.h>

#include <map>
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
// The host pids of a host process's children.
[[nodiscard]] std::vector<pid_t> children(pid_t host_pid);

// Every process of the sandbox by its pid there, as the host numbers it. Read once for a step
// that looks at many containers: finding one process means reading all of /proc, and a
// sandbox with hundreds of containers runs thousands of processes.
class HostPids {
 public:
  explicit HostPids(const Sandbox& sandbox);
  [[nodiscard]] std::optional<pid_t> of(pid_t pid_in_sandbox) const;

 private:
  std::map<pid_t, pid_t> host_by_sandbox_pid_;
};

// The host pid of the first child of the process the sandbox calls `pid_in_sandbox` (of a
// systemd-nspawn: its container's init); nullopt for pid 0 or when either is gone.
[[nodiscard]] std::optional<pid_t> first_child(const HostPids& pids, pid_t pid_in_sandbox);

}  // namespace ctrlab::runner::sandbox_processes
