#include "system/death_guard.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>

#include "system/syscall.hpp"

namespace ctrlab::runner::sys {
namespace {

// Between fork and _exit: async-signal-safe calls only (the runner may have threads).
[[noreturn]] void guard(int inherited_lifeline, const char* kill_file) {
  // Ctrl-C reaches the whole process group; the guard must outlive the runner's handling of it.
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) ::signal(signal_number, SIG_IGN);
  // The guard never execs, so it would keep every descriptor the runner had open at the fork:
  // with sandboxes side by side (`ctrlab run --jobs N`) another sandbox's lifeline among them,
  // whose guard would then not see its runner end. It keeps its own lifeline alone (and 0-2).
  constexpr int lifeline = 3;
  if (::dup2(inherited_lifeline, lifeline) < 0) ::_exit(1);
  (void)::syscall(SYS_close_range, lifeline + 1, ~0U, 0);
  char byte = 0;
  while (::read(lifeline, &byte, 1) != 0) {
    if (errno != EINTR) break;
  }
  const int fd = ::open(kill_file, O_WRONLY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::write(fd, "1", 1);
    ::close(fd);
  }
  ::_exit(0);
}

}  // namespace

DeathGuard DeathGuard::start(const std::filesystem::path& cgroup_kill_file) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) < 0) throw_errno("start the sandbox's death guard: pipe");
  UniqueFd read_end(ends[0]);
  UniqueFd write_end(ends[1]);
  const std::string kill_file = cgroup_kill_file.string();
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("start the sandbox's death guard: fork");
  if (pid == 0) {
    ::close(write_end.get());
    guard(read_end.get(), kill_file.c_str());
  }
  return DeathGuard(pid, std::move(write_end));
}

DeathGuard::DeathGuard(DeathGuard&& other) noexcept
    : pid_(std::exchange(other.pid_, 0)), lifeline_(std::move(other.lifeline_)) {}

DeathGuard::~DeathGuard() {
  if (pid_ <= 0) return;
  lifeline_.reset();
  int status = 0;
  (void)retry_on_eintr([&] { return ::waitpid(pid_, &status, 0); });
}

}  // namespace ctrlab::runner::sys
