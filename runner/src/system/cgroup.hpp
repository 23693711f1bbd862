#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "system/wait.hpp"

// One named cgroup in every hierarchy systemd uses here: cgroup2 alone, or the hybrid layout
// (name=systemd v1 plus cgroup2 at /sys/fs/cgroup/unified) this machine has, plus the v1
// memory, pids and devices controllers where they are mounted, which bound what the sandbox
// may take of the machine. The sandbox and everything it starts live in it, so the runner can
// kill all of it at once and find what a killed run left behind by name.
namespace ctrlab::runner::sys {

// What a cgroup's processes may use, together. Applied where the machine's controllers allow
// it without changing the machine's own cgroup settings: cgroup2 controllers the root already
// delegates, v1 controllers that are mounted.
struct ResourceLimits {
  unsigned long long memory_bytes = 0;  // 0: no limit
  unsigned long long processes = 0;     // 0: no limit
  // Character devices the processes may open or create ("c 1:3", "c 136:*"); block devices
  // never. Empty: no device policy.
  std::vector<std::string> allowed_devices;
};

class CgroupSet {
 public:
  // The roots of the hierarchies systemd tracks processes in, cgroup2 first.
  [[nodiscard]] static std::vector<std::filesystem::path> hierarchy_roots();

  // Creates NAME under every root (an existing one is reused).
  [[nodiscard]] static CgroupSet create(std::string_view name);
  // Refers to NAME under every root where it exists.
  [[nodiscard]] static CgroupSet existing(std::string_view name);

  [[nodiscard]] const std::vector<std::filesystem::path>& paths() const { return paths_; }
  // The cgroup.procs files a process writes "0" to in order to join this set.
  [[nodiscard]] std::vector<std::string> procs_files() const;

  // Applies the limits in every hierarchy that can hold them; returns what it could not apply
  // (e.g. "memory: no memory controller"), for the run's list of adaptations.
  [[nodiscard]] std::vector<std::string> limit(const ResourceLimits& limits) const;

  [[nodiscard]] bool populated() const;
  // The cgroup2 cgroup.kill file, where the kernel has one: writing "1" kills the whole subtree.
  [[nodiscard]] std::optional<std::filesystem::path> kill_file() const;
  // SIGKILL to every process in the subtree (cgroup.kill where the kernel has it).
  void kill_all() const;
  // kill_all(), then waits until the subtree is empty. Not interruptible: it is cleanup.
  void kill_and_wait(Clock::time_point deadline) const;
  // Removes the (empty) subtree from every hierarchy.
  void remove() const;

 private:
  std::vector<std::filesystem::path> paths_;
};

}  // namespace ctrlab::runner::sys
