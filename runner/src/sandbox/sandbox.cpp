#include "ctrlab/runner/sandbox.hpp"

#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <iostream>
#include <optional>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/leftovers.hpp"
#include "sandbox/naming.hpp"
#include "system/cgroup.hpp"
#include "system/child_process.hpp"
#include "system/files.hpp"
#include "system/notify_socket.hpp"
#include "system/syscall.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

namespace naming = sandbox_naming;

constexpr auto teardown_timeout = std::chrono::seconds(15);
const std::filesystem::path generator_directory = "/usr/lib/systemd/system-generators";
const std::filesystem::path preset_directory = "/usr/lib/systemd/system-preset";

// The command docs/design.md gives, plus --notify-ready so the manager's READY=1 tells us the
// boot finished, the shared directory, the generators and presets it may use, and the masks
// on the sandbox's kernel command line.
std::vector<std::string> nspawn_command(const std::string& machine, const std::filesystem::path& work_dir,
                                        const SandboxOptions& options) {
  std::vector<std::string> argv = {"/usr/bin/systemd-nspawn",
                                   "--register=no",
                                   "--keep-unit",
                                   "-D",
                                   "/",
                                   "--volatile=yes",
                                   "-b",
                                   "--private-network",
                                   "--capability=all",
                                   "-M",
                                   machine,
                                   "--console=pipe",
                                   "--notify-ready=yes",
                                   "--bind=" + (work_dir / "share").string() + ":" + Sandbox::share_mount_point,
                                   "--bind-ro=" + (work_dir / "generators").string() + ":" + generator_directory.string(),
                                   "--bind-ro=" + (work_dir / "presets").string() + ":" + preset_directory.string(),
                                   "systemd.firstboot=off"};
  for (const auto& unit : options.masked_units) argv.push_back("systemd.mask=" + unit);
  return argv;
}

std::string tail_of(const std::filesystem::path& log, std::size_t max_chars = 2000) {
  const auto text = sys::read_file_if_exists(log).value_or("");
  return text.size() <= max_chars ? text : text.substr(text.size() - max_chars);
}

std::optional<pid_t> parse_pid(const std::string& text) {
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), pid);
  if (error != std::errc{} || pid <= 0) return std::nullopt;
  return pid;
}

}  // namespace

struct Sandbox::State {
  SandboxOptions options;
  std::string machine;
  std::filesystem::path work_dir;
  std::filesystem::path share_dir;
  std::optional<sys::CgroupSet> cgroups;
  std::optional<sys::ChildProcess> nspawn;
  pid_t leader = 0;
  std::chrono::microseconds boot_duration{0};
  std::vector<Leftover> reaped;
  bool taken_down = false;
};

Sandbox::Sandbox(const SandboxOptions& options) : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.options = options;
  s.reaped = reap_leftovers();
  s.machine = naming::new_machine_name();
  const auto owner = sys::identify_process(::getpid());
  if (!owner) throw RunnerError("boot sandbox", "cannot read /proc/self/stat");
  naming::write_marker({s.machine, *owner});
  try {
    s.work_dir = naming::work_dir(s.machine);
    s.share_dir = s.work_dir / "share";
    sys::create_directories(s.share_dir / "bin", 0755);
    for (const auto& tool : options.tools) sys::copy_file(tool, s.share_dir / "bin" / tool.filename(), 0755);
    sys::create_directories(s.work_dir / "generators", 0755);
    for (const auto& generator : options.generators) {
      sys::copy_file(generator_directory / generator, s.work_dir / "generators" / generator, 0755);
    }
    sys::create_directories(s.work_dir / "presets", 0755);
    sys::write_file_atomically(s.work_dir / "presets" / "ctrlab.preset", options.presets, 0644);
    s.cgroups = sys::CgroupSet::create(s.machine);

    const std::string operation = "boot sandbox " + s.machine;
    sys::NotifySocket notify(s.work_dir / "notify");
    const auto started = sys::Clock::now();
    s.nspawn.emplace(sys::ChildProcess::spawn({.argv = nspawn_command(s.machine, s.work_dir, options),
                                         .extra_environment = {"NOTIFY_SOCKET=" + notify.path().string()},
                                         .output = s.work_dir / "console.log",
                                         .cgroup_procs_files = s.cgroups->procs_files(),
                                         .parent_death_signal = SIGTERM}));
    const auto deadline = started + options.boot_timeout;
    bool ready = false;
    while (!ready) {
      std::array<pollfd, 2> fds{pollfd{notify.fd(), POLLIN, 0}, pollfd{s.nspawn->pidfd(), POLLIN, 0}};
      if (sys::wait_for(fds, deadline, operation) == sys::WaitOutcome::deadline) {
        throw RunnerError(operation, "no READY=1 within " + std::to_string(options.boot_timeout.count()) +
                                         " ms; console:\n" + tail_of(s.work_dir / "console.log"));
      }
      while (const auto message = notify.receive()) {
        if (const auto leader = sys::notify_field(*message, "X_NSPAWN_LEADER_PID")) s.leader = parse_pid(*leader).value_or(0);
        if (sys::notify_field(*message, "READY")) ready = true;
      }
      if (!ready && s.nspawn->try_reap()) {
        throw RunnerError(operation, "systemd-nspawn exited during boot; console:\n" + tail_of(s.work_dir / "console.log"));
      }
    }
    if (s.leader == 0) throw RunnerError(operation, "systemd-nspawn never reported X_NSPAWN_LEADER_PID");
    s.boot_duration = std::chrono::duration_cast<std::chrono::microseconds>(sys::Clock::now() - started);
  } catch (...) {
    take_down();
    throw;
  }
}

Sandbox::~Sandbox() { take_down(); }

void Sandbox::take_down() noexcept {
  auto& s = *state_;
  if (s.taken_down) return;
  s.taken_down = true;
  const auto deadline = sys::Clock::now() + teardown_timeout;
  const auto attempt = [&](const char* step, auto&& action) {
    try {
      action();
    } catch (const std::exception& error) {
      std::cerr << "ctrlab: taking down sandbox " << s.machine << ": " << step << ": " << error.what() << '\n';
    }
  };
  // Killing the cgroup takes nspawn, the sandbox's systemd and every nested container at once;
  // the sandbox's namespaces, mounts and interfaces go with its last process.
  if (s.cgroups) attempt("kill", [&] { s.cgroups->kill_and_wait(deadline); });
  if (s.nspawn) attempt("reap systemd-nspawn", [&] { s.nspawn->wait(deadline, sys::OnInterrupt::keep_waiting); });
  if (s.cgroups) attempt("remove cgroups", [&] { s.cgroups->remove(); });
  attempt("remove nspawn's propagate directory", [&] {
    std::error_code ignored;
    std::filesystem::remove(naming::propagate_dir(s.machine), ignored);
  });
  if (!s.work_dir.empty()) attempt("remove work directory", [&] { sys::remove_tree(s.work_dir); });
  if (!s.machine.empty()) attempt("remove owner marker", [&] { naming::remove_marker(s.machine); });
}

const std::string& Sandbox::machine_name() const { return state_->machine; }

pid_t Sandbox::leader_pid() const { return state_->leader; }

std::string Sandbox::bus_address() const {
  return "unix:path=/proc/" + std::to_string(state_->leader) + "/root/run/dbus/system_bus_socket";
}

std::filesystem::path Sandbox::host_path(const std::filesystem::path& inside) const {
  return std::filesystem::path("/proc") / std::to_string(state_->leader) / "root" / inside.relative_path();
}

std::filesystem::path Sandbox::netns_path() const {
  return std::filesystem::path("/proc") / std::to_string(state_->leader) / "ns" / "net";
}

const std::filesystem::path& Sandbox::share_dir() const { return state_->share_dir; }

std::filesystem::path Sandbox::tool_path_inside(const std::filesystem::path& tool) {
  return std::filesystem::path(share_mount_point) / "bin" / tool.filename();
}

std::chrono::microseconds Sandbox::boot_duration() const { return state_->boot_duration; }

const SandboxOptions& Sandbox::options() const { return state_->options; }

const std::vector<Leftover>& Sandbox::reaped_leftovers() const { return state_->reaped; }

}  // namespace ctrlab::runner
