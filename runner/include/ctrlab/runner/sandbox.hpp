#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ctrlab/runner/leftovers.hpp"

// The sandbox host: a private systemd booted from this machine's own /usr by systemd-nspawn,
// in fresh namespaces with its own network namespace, so container units run for real
// without touching the machine. Everything it creates carries its machine name
// (ctrlab-sandbox-PID-N): an nspawn machine, a cgroup in every hierarchy, a work directory
// with an owner marker. Taking it down removes all of it; reap_leftovers() removes what a
// killed run left.
namespace ctrlab::runner {

struct SandboxOptions {
  // Files copied into the sandbox's /run/ctrlab/bin (the probe, ctrlab-commands).
  std::vector<std::filesystem::path> tools;
  std::chrono::milliseconds boot_timeout{15000};
  // Units masked on the sandbox's kernel command line, with the reason (shown as adaptations).
  // By default systemd-networkd: it would configure the ve-* links the scenarios' own
  // ExecStartPost commands configure.
  std::vector<std::string> masked_units{"systemd-networkd.service", "systemd-networkd.socket"};
  // The only unit generators the sandbox's systemd runs, at boot and at every reload (the
  // others cost most of a reload's time and find nothing here: no fstab, ttys or SysV scripts).
  // systemd-debug-generator applies the masks.
  std::vector<std::string> generators{"systemd-debug-generator"};
  // The unit presets the sandbox's systemd applies at its first boot (its /etc starts empty).
  // The distribution's enable every installed service (databases, timers, resolved...), which
  // slows the boot and every reload, and make multi-user.target want machines.target, so that
  // machines.target stays loaded and can gain the containers' dependencies only by a reload.
  // By default none: what /usr wants statically runs, nothing else.
  std::string presets{"disable *\n"};
};

class Sandbox {
 public:
  // Removes leftovers of killed runs, boots, and waits for the manager's READY=1.
  // Throws RunnerError (Interrupted on SIGINT/SIGTERM) after cleaning up what it made.
  explicit Sandbox(const SandboxOptions& options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Kills everything in the sandbox and removes all it created; idempotent, never throws.
  void take_down() noexcept;

  [[nodiscard]] const std::string& machine_name() const;
  // The host's pid of the sandbox's systemd (its PID 1).
  [[nodiscard]] pid_t leader_pid() const;
  // sd-bus address of the sandbox's system bus, reachable from the host.
  [[nodiscard]] std::string bus_address() const;
  // A path inside the sandbox, as the host reaches it (/proc/LEADER/root/...).
  [[nodiscard]] std::filesystem::path host_path(const std::filesystem::path& inside) const;
  // The sandbox's network namespace, for netlink.
  [[nodiscard]] std::filesystem::path netns_path() const;
  // Host side of the sandbox's /run/ctrlab (read-write, shared).
  [[nodiscard]] const std::filesystem::path& share_dir() const;
  static constexpr const char* share_mount_point = "/run/ctrlab";
  // Where a tool given in SandboxOptions::tools is, inside the sandbox.
  [[nodiscard]] static std::filesystem::path tool_path_inside(const std::filesystem::path& tool);
  // From exec of systemd-nspawn to the manager's READY=1.
  [[nodiscard]] std::chrono::microseconds boot_duration() const;
  [[nodiscard]] const SandboxOptions& options() const;
  // What reap_leftovers() removed of killed runs before this sandbox booted.
  [[nodiscard]] const std::vector<Leftover>& reaped_leftovers() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ctrlab::runner
