#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "system/unique_fd.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner::sys {

struct SpawnOptions {
  std::vector<std::string> argv;            // argv[0] is the executable's path
  std::vector<std::string> extra_environment;  // NAME=value, added to ours
  std::filesystem::path output;             // stdout and stderr go here; stdin is /dev/null
  int output_fd = -1;                       // or here, when set (e.g. a pipe's write end)
  std::vector<std::string> cgroup_procs_files;  // the child joins these cgroups before exec
  int parent_death_signal = 0;              // sent to the child if the runner dies
  // The child gets a mount namespace of its own, in which /run is a fresh tmpfs: whatever it
  // makes below /run (systemd-nspawn's state directories) is gone with it, never on the host.
  bool private_run_directory = false;
};

// A child the runner started, held by pid and pidfd so it can be awaited and never confused
// with another process.
class ChildProcess {
 public:
  [[nodiscard]] static ChildProcess spawn(const SpawnOptions& options);

  ChildProcess(ChildProcess&& other) noexcept
      : pid_(std::exchange(other.pid_, 0)), pidfd_(std::move(other.pidfd_)), status_(other.status_) {}
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  [[nodiscard]] pid_t pid() const { return pid_; }
  // Readable when the child has exited.
  [[nodiscard]] int pidfd() const { return pidfd_.get(); }
  // The wait status once the child exited (reaping it), nullopt while it runs.
  std::optional<int> try_reap();
  // Waits for the exit; nullopt at the deadline.
  std::optional<int> wait(Clock::time_point deadline, OnInterrupt on_interrupt);

 private:
  ChildProcess(pid_t pid, UniqueFd pidfd) : pid_(pid), pidfd_(std::move(pidfd)) {}
  pid_t pid_ = 0;
  UniqueFd pidfd_;
  std::optional<int> status_;
};

}  // namespace ctrlab::runner::sys
