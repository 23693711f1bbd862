#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ctrlab/runner/leftovers.hpp"
#include "ctrlab/runner/rooted_files.hpp"

// The sandbox host: a private systemd booted from this machine's own /usr by systemd-nspawn,
// in fresh namespaces with its own network namespace, so container units run for real
// without touching the machine.
//
// It is a security boundary: what runs in it (a scenario's units, nspawn flags and scripts)
// is untrusted. It runs in a user namespace of its own (its root is an unprivileged uid of
// the host, so it can neither create device nodes nor mount the machine's disks), in a cgroup
// that bounds its memory and processes and closes block devices to it, sees the machine's
// /usr read-only and nothing else of the host, and can write nowhere on the host. The runner
// reaches into it only through RootedFiles (paths resolved inside its root), its system bus
// (connected from within its namespaces), netlink in its network namespace, and commands run
// wholly inside its namespaces. Everything it creates carries its machine name
// (ctrlab-sandbox-PID-N-XXXX): a cgroup in every hierarchy, a work directory, a claim held for
// the run's lifetime. Taking it down removes all of it; reap_leftovers() removes what a killed
// run left.
namespace ctrlab::runner {

// What the sandbox and all it runs may take of the machine, together.
struct SandboxLimits {
  unsigned long long memory_bytes = 0;  // 0: three quarters of the machine's memory, shared (below)
  unsigned long long processes = 32768;
  // How many sandboxes run side by side (`ctrlab run --jobs N`): the default memory bound is
  // theirs together, so each gets its share and all of them still leave a quarter to the machine.
  unsigned long long side_by_side = 1;
};

struct SandboxOptions {
  // Files copied into the sandbox's /run/ctrlab/bin (the probe, ctrlab-commands), read-only there.
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
  SandboxLimits limits;
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
  // sd-bus address of the sandbox's system bus. sd-bus connects from a child that has entered
  // the sandbox's namespaces as its root: the socket path is resolved inside the sandbox, and
  // the sandbox's systemd sees a client of its own (uid 0 there), not an unmapped stranger.
  [[nodiscard]] std::string bus_address() const;
  // The sandbox's file system, every path resolved inside its root.
  [[nodiscard]] const RootedFiles& files() const;
  // Runs a command wholly inside the sandbox (its user, mount, PID, network, IPC, UTS and cgroup
  // namespaces, as its root) and returns what it printed; RunnerError when it fails or outlives
  // `timeout`. The program is found in the sandbox, so even one the sandbox replaced runs with
  // the sandbox's privileges only.
  [[nodiscard]] std::string run_inside(const std::vector<std::string>& command, std::chrono::milliseconds timeout) const;
  // The sandbox's network namespace, for netlink.
  [[nodiscard]] std::filesystem::path netns_path() const;
  // The host's copies of the tools (SandboxOptions::tools), as the sandbox sees them read-only.
  [[nodiscard]] const std::filesystem::path& tools_dir() const;
  static constexpr const char* tools_mount_point = "/run/ctrlab/bin";
  // Where a tool given in SandboxOptions::tools is, inside the sandbox.
  [[nodiscard]] static std::filesystem::path tool_path_inside(const std::filesystem::path& tool);
  // The limits the machine's cgroups could not apply (e.g. no memory controller), in words.
  [[nodiscard]] const std::vector<std::string>& unapplied_limits() const;
  // Host uids and gids [first, first + count) are the sandbox's 0..count-1: above every uid a
  // host hands out, and large enough that nspawn inside can still pick a range of its own for a
  // container with privateUsers (it picks below 0x70000000).
  static constexpr unsigned long long user_namespace_first_uid = 0x80000000ULL;
  static constexpr unsigned long long user_namespace_size = 0x70000000ULL;
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
