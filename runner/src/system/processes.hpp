#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// What /proc says about processes. A process is identified by its pid *and* its start time,
// so that a recycled pid is never mistaken for a process the runner started.
namespace ctrlab::runner::sys {

struct ProcessIdentity {
  pid_t pid = 0;
  unsigned long long start_time = 0;  // clock ticks after boot, /proc/PID/stat field 22

  friend bool operator==(const ProcessIdentity&, const ProcessIdentity&) = default;
};

// The identity of a running process, or nullopt when it no longer exists. `proc_root` lets the
// caller look into another PID namespace's /proc (e.g. /proc/LEADER/root/proc).
[[nodiscard]] std::optional<ProcessIdentity> identify_process(pid_t pid,
                                                              const std::filesystem::path& proc_root = "/proc");
[[nodiscard]] bool is_alive(const ProcessIdentity& process);

// argv of a process as the kernel holds it; nullopt when the process is gone.
[[nodiscard]] std::optional<std::vector<std::string>> read_cmdline(pid_t pid,
                                                                   const std::filesystem::path& proc_root = "/proc");

[[nodiscard]] std::vector<std::string> split_nul_separated(const std::string& text);

}  // namespace ctrlab::runner::sys
