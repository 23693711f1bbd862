#pragma once

#include <sys/types.h>

#include <filesystem>

#include "system/unique_fd.hpp"

// A child of the runner whose one job is to kill a cgroup's processes when the runner dies
// without doing so itself (SIGKILL, a crash). The kernel's parent-death signal does not reach
// far enough: systemd-nspawn gets it, but the sandbox's systemd, nspawn's child, was seen to
// run on after nspawn died (with nested containers, until a later run reaped it). The guard
// waits for the end of a pipe only the runner holds; the kernel closes it however the runner
// ends.
namespace ctrlab::runner::sys {

class DeathGuard {
 public:
  // `cgroup_kill_file`: the cgroup2 cgroup.kill file of the cgroup to kill.
  [[nodiscard]] static DeathGuard start(const std::filesystem::path& cgroup_kill_file);

  DeathGuard(DeathGuard&& other) noexcept;
  DeathGuard& operator=(DeathGuard&&) = delete;
  DeathGuard(const DeathGuard&) = delete;
  DeathGuard& operator=(const DeathGuard&) = delete;
  // Lets the guard go: it kills what is left (nothing, after a take-down) and exits.
  ~DeathGuard();

 private:
  DeathGuard(pid_t pid, UniqueFd lifeline) : pid_(pid), lifeline_(std::move(lifeline)) {}
  pid_t pid_ = 0;
  UniqueFd lifeline_;  // the pipe's write end
};

}  // namespace ctrlab::runner::sys
