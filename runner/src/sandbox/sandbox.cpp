#include "ctrlab/runner/sandbox.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <optional>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/leftovers.hpp"
#include "sandbox/boot_hints.hpp"
#include "sandbox/claim.hpp"
#include "sandbox/naming.hpp"
#include "system/cgroup.hpp"
#include "system/child_process.hpp"
#include "system/death_guard.hpp"
#include "system/files.hpp"
#include "system/notify_socket.hpp"
#include "system/syscall.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

namespace naming = sandbox_naming;

constexpr auto teardown_timeout = std::chrono::seconds(15);
constexpr std::size_t max_command_output = std::size_t{8} << 20;
const std::filesystem::path generator_directory = "/usr/lib/systemd/system-generators";
const std::filesystem::path preset_directory = "/usr/lib/systemd/system-preset";

// The command of docs/design.md, confined: a user namespace of its own (files of the machine
// appear owned by "nobody", except /usr, bound idmapped so that it looks as it does on the host;
// ownership is never changed on disk), the tools read-only, --notify-ready so the manager's
// READY=1 tells us the boot finished, the generators and presets it may use, and the masks on
// the sandbox's kernel command line.
std::vector<std::string> nspawn_command(const std::string& machine, const std::filesystem::path& work_dir,
                                        const SandboxOptions& options) {
  const auto users = std::to_string(Sandbox::user_namespace_first_uid) + ":" + std::to_string(Sandbox::user_namespace_size);
  std::vector<std::string> argv = {"/usr/bin/systemd-nspawn",
                                   "--register=no",
                                   "--keep-unit",
                                   "-D",
                                   "/",
                                   "--volatile=yes",
                                   "-b",
                                   "--private-network",
                                   "--private-users=" + users,
                                   "--private-users-ownership=off",
                                   "--bind-ro=/usr:/usr:idmap",
                                   "--capability=all",
                                   "-M",
                                   machine,
                                   "--console=pipe",
                                   "--notify-ready=yes",
                                   "--bind-ro=" + (work_dir / "bin").string() + ":" + Sandbox::tools_mount_point,
                                   "--bind-ro=" + (work_dir / "generators").string() + ":" + generator_directory.string(),
                                   "--bind-ro=" + (work_dir / "presets").string() + ":" + preset_directory.string(),
                                   "systemd.firstboot=off"};
  for (const auto& unit : options.masked_units) argv.push_back("systemd.mask=" + unit);
  return argv;
}

// Character devices the sandbox may use (the ones nspawn gives a container, the pseudo
// terminals, tun and fuse); no block device at all.
const std::vector<std::string> allowed_devices = {"c 1:3", "c 1:5", "c 1:7",  "c 1:8",   "c 1:9",   "c 5:0",
                                                  "c 5:1", "c 5:2", "c 136:*", "c 10:200", "c 10:229"};

unsigned long long machine_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<unsigned long long>(pages) * static_cast<unsigned long long>(page_size) : 0;
}

sys::ResourceLimits resource_limits(const SandboxLimits& limits) {
  const auto share = machine_memory_bytes() / 4 * 3 / std::max(limits.side_by_side, 1ULL);
  return {.memory_bytes = limits.memory_bytes != 0 ? limits.memory_bytes : share,
          .processes = limits.processes,
          .allowed_devices = allowed_devices};
}

// The work directory, made fresh (mkdtemp: 0700, a name nobody can have prepared). nspawn gets
// a private /run (SpawnOptions::private_run_directory), so the work directory may not be there.
std::filesystem::path make_work_dir(const std::string& machine) {
  const auto parent = std::filesystem::weakly_canonical(naming::work_dirs_parent());
  if (parent == "/run" || parent.string().starts_with("/run/")) {
    throw RunnerError("make the sandbox's work directory",
                      "TMPDIR (" + parent.string() + ") is below /run, which systemd-nspawn gets as a private tmpfs; "
                      "set TMPDIR to a directory elsewhere");
  }
  auto name = (parent / naming::work_dir_template(machine)).string();
  if (::mkdtemp(name.data()) == nullptr) sys::throw_errno("make the sandbox's work directory in " + parent.string());
  return name;
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

// systemd-nspawn inside the sandbox binds /run/systemd/nspawn/propagate/MACHINE into each
// container and remounts it read-only, keeping no other flag. The sandbox's /run came with its
// user namespace from a more privileged one, so its nosuid and nodev are locked and that
// remount is refused (EPERM). A tmpfs the sandbox mounts itself carries no locked flag.
void give_nspawn_a_state_directory_of_its_own(const Sandbox& sandbox) {
  constexpr auto timeout = std::chrono::seconds(10);
  (void)sandbox.run_inside({"/usr/bin/mkdir", "-p", "/run/systemd/nspawn"}, timeout);
  (void)sandbox.run_inside({"/usr/bin/mount", "-t", "tmpfs", "-o", "mode=0755", "ctrlab-nspawn-state", "/run/systemd/nspawn"},
                           timeout);
}

}  // namespace

struct Sandbox::State {
  SandboxOptions options;
  std::string machine;
  std::optional<SandboxClaim> claim;
  std::filesystem::path work_dir;
  std::filesystem::path tools_dir;
  std::optional<sys::CgroupSet> cgroups;
  std::optional<sys::DeathGuard> death_guard;
  std::vector<std::string> unapplied_limits;
  std::optional<sys::ChildProcess> nspawn;
  pid_t leader = 0;
  sys::UniqueFd leader_pidfd;  // readable once the sandbox's PID 1 is gone: its pid is then no name of ours
  std::optional<RootedFiles> files;
  std::chrono::microseconds boot_duration{0};
  std::vector<Leftover> reaped;
  bool taken_down = false;
};

Sandbox::Sandbox(const SandboxOptions& options) : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.options = options;
  s.reaped = reap_leftovers();
  s.machine = naming::new_machine_name();
  s.claim.emplace(SandboxClaim::take(s.machine));
  try {
    s.work_dir = make_work_dir(s.machine);
    s.claim->record_work_dir(s.work_dir);
    s.tools_dir = s.work_dir / "bin";
    sys::create_directories(s.tools_dir, 0755);
    for (const auto& tool : options.tools) sys::copy_file(tool, s.tools_dir / tool.filename(), 0755);
    sys::create_directories(s.work_dir / "generators", 0755);
    for (const auto& generator : options.generators) {
      sys::copy_file(generator_directory / generator, s.work_dir / "generators" / generator, 0755);
    }
    sys::create_directories(s.work_dir / "presets", 0755);
    sys::write_file_atomically(s.work_dir / "presets" / "ctrlab.preset", options.presets, 0644);
    s.cgroups = sys::CgroupSet::create(s.machine);
    s.unapplied_limits = s.cgroups->limit(resource_limits(options.limits));
    if (const auto kill_file = s.cgroups->kill_file()) s.death_guard.emplace(sys::DeathGuard::start(*kill_file));

    const std::string operation = "boot sandbox " + s.machine;
    sys::NotifySocket notify(s.work_dir / "notify");
    const auto started = sys::Clock::now();
    s.nspawn.emplace(sys::ChildProcess::spawn({.argv = nspawn_command(s.machine, s.work_dir, options),
                                         .extra_environment = {"NOTIFY_SOCKET=" + notify.path().string()},
                                         .output = s.work_dir / "console.log",
                                         .cgroup_procs_files = s.cgroups->procs_files(),
                                         // SIGKILL: nspawn's container dies with it at once, where
                                         // SIGTERM would let its systemd stop for up to 90 s.
                                         .parent_death_signal = SIGKILL,
                                         .private_run_directory = true}));
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
        const auto hint = boot_hints::inotify_instances();
        throw RunnerError(operation, "systemd-nspawn exited during boot" + (hint.empty() ? "" : ": " + hint) +
                                         "; console:\n" + tail_of(s.work_dir / "console.log"));
      }
    }
    if (s.leader == 0) throw RunnerError(operation, "systemd-nspawn never reported X_NSPAWN_LEADER_PID");
    s.leader_pidfd = sys::UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, s.leader, 0)));
    if (!s.leader_pidfd.valid()) sys::throw_errno(operation + ": pidfd_open of the sandbox's PID 1");
    s.files.emplace(RootedFiles::of_process(s.leader));
    give_nspawn_a_state_directory_of_its_own(*this);
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
  s.death_guard.reset();
  if (s.cgroups) attempt("remove cgroups", [&] { s.cgroups->remove(); });
  s.files.reset();
  if (!s.work_dir.empty()) attempt("remove work directory", [&] { sys::remove_tree(s.work_dir); });
  if (s.claim) s.claim->release();
}

const std::string& Sandbox::machine_name() const { return state_->machine; }

pid_t Sandbox::leader_pid() const { return state_->leader; }

std::string Sandbox::bus_address() const { return "x-machine-unix:pid=" + std::to_string(state_->leader); }

const RootedFiles& Sandbox::files() const { return *state_->files; }

std::string Sandbox::run_inside(const std::vector<std::string>& command, std::chrono::milliseconds timeout) const {
  const std::string operation = command.front() + " in the sandbox";
  // nsenter names the sandbox by its PID 1's pid: make sure that pid still is the sandbox's.
  pollfd leader{state_->leader_pidfd.get(), POLLIN, 0};
  if (::poll(&leader, 1, 0) != 0) throw RunnerError(operation, "the sandbox's systemd is gone");
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) < 0) sys::throw_errno(operation + ": pipe");
  sys::UniqueFd output(pipe_ends[0]);
  sys::UniqueFd output_write_end(pipe_ends[1]);
  sys::SpawnOptions spawn;
  spawn.argv = {"/usr/bin/nsenter", "--target", std::to_string(state_->leader), "--user", "--mount", "--pid",
                "--net",            "--ipc",    "--uts",                        "--cgroup", "--"};
  spawn.argv.insert(spawn.argv.end(), command.begin(), command.end());
  spawn.output_fd = output_write_end.get();
  spawn.parent_death_signal = SIGKILL;
  auto child = sys::ChildProcess::spawn(spawn);
  output_write_end.reset();
  const auto deadline = sys::Clock::now() + timeout;
  // A pipe, not a file: what the sandbox prints can fill no disk of the host.
  const auto text = sys::read_until_closed(output.get(), max_command_output, deadline, operation);
  const auto status = child.wait(deadline, sys::OnInterrupt::throw_interrupted);
  if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    throw RunnerError(operation, text.empty() ? "failed without output" : text);
  }
  return text;
}

std::filesystem::path Sandbox::netns_path() const {
  return std::filesystem::path("/proc") / std::to_string(state_->leader) / "ns" / "net";
}

const std::filesystem::path& Sandbox::tools_dir() const { return state_->tools_dir; }

std::filesystem::path Sandbox::tool_path_inside(const std::filesystem::path& tool) {
  return std::filesystem::path(tools_mount_point) / tool.filename();
}

const std::vector<std::string>& Sandbox::unapplied_limits() const { return state_->unapplied_limits; }

std::chrono::microseconds Sandbox::boot_duration() const { return state_->boot_duration; }

const SandboxOptions& Sandbox::options() const { return state_->options; }

const std::vector<Leftover>& Sandbox::reaped_leftovers() const { return state_->reaped; }

}  // namespace ctrlab::runner
