#include "system/child_process.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "system/syscall.hpp"

extern char** environ;

namespace ctrlab::runner::sys {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// In the child between fork and exec: only async-signal-safe calls. On failure it reports the
// errno through the pipe and exits 127.
[[noreturn]] void child_fail(int report_fd) {
  const int error = errno;
  (void)::write(report_fd, &error, sizeof error);
  ::_exit(127);
}

// Only stdin, stdout and stderr cross exec. Another thread may have had a descriptor open
// without O_CLOEXEC at the fork (std::filesystem::copy_file's, a std::fstream's): kept across
// exec it would live as long as the child. Seen with `ctrlab run --jobs 2`: one sandbox's nspawn
// held the write end of the other sandbox's copy of ctrlab-commands, whose every exec then
// failed with ETXTBSY for the whole run. close_range(2) is Linux 5.11; older kernels get a loop.
void close_other_descriptors_on_exec() {
  if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  for (int fd = 3; fd < 65536; ++fd) (void)::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

// A mount namespace in which nothing propagates back to the host and /run is the child's own.
void make_run_directory_private(int report_fd) {
  if (::unshare(CLONE_NEWNS) < 0) child_fail(report_fd);
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) < 0) child_fail(report_fd);
  if (::mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=64m") < 0) child_fail(report_fd);
}

[[noreturn]] void run_child(char* const* argv, char* const* envp, const char* output, int given_output_fd,
                            const std::vector<const char*>& cgroup_files, int death_signal, pid_t parent,
                            bool private_run, int report_fd) {
  if (death_signal != 0) {
    if (::prctl(PR_SET_PDEATHSIG, death_signal) < 0) child_fail(report_fd);
    if (::getppid() != parent) ::_exit(127);  // the runner died before prctl took effect
  }
  if (::setsid() < 0) child_fail(report_fd);  // a terminal's ^C goes to the runner alone
  for (const char* file : cgroup_files) {
    const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::write(fd, "0", 1) != 1) child_fail(report_fd);
    ::close(fd);
  }
  if (private_run) make_run_directory_private(report_fd);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out_fd = given_output_fd >= 0 ? given_output_fd : ::open(output, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (null_fd < 0 || out_fd < 0) child_fail(report_fd);
  if (::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(out_fd, 2) < 0) child_fail(report_fd);
  close_other_descriptors_on_exec();
  sigset_t all;
  sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) ::signal(signal_number, SIG_DFL);
  ::execve(argv[0], argv, envp);
  child_fail(report_fd);
}

}  // namespace

ChildProcess ChildProcess::spawn(const SpawnOptions& options) {
  const std::string operation = "start " + (options.argv.empty() ? std::string("(nothing)") : options.argv.front());
  if (options.argv.empty()) throw RunnerError(operation, "empty argv");
  // Everything the child needs is prepared here: after fork it may not allocate.
  auto argv_strings = options.argv;
  std::vector<std::string> environment_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) environment_strings.emplace_back(*entry);
  environment_strings.insert(environment_strings.end(), options.extra_environment.begin(),
                             options.extra_environment.end());
  const auto argv = c_strings(argv_strings);
  const auto envp = c_strings(environment_strings);
  const std::string output = options.output.string();
  std::vector<const char*> cgroup_files;
  for (const auto& file : options.cgroup_procs_files) cgroup_files.push_back(file.c_str());

  int report[2];
  if (::pipe2(report, O_CLOEXEC) < 0) throw_errno(operation + ": pipe");
  UniqueFd report_read(report[0]);
  UniqueFd report_write(report[1]);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno(operation + ": fork");
  if (pid == 0) {
    run_child(argv.data(), envp.data(), output.c_str(), options.output_fd, cgroup_files, options.parent_death_signal, parent,
              options.private_run_directory, report_write.get());
  }
  report_write.reset();
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  int child_errno = 0;
  const auto got = retry_on_eintr([&] { return ::read(report_read.get(), &child_errno, sizeof child_errno); });
  if (got > 0) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    throw_errno(operation, child_errno);
  }
  if (!pidfd.valid()) {
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    throw_errno(operation + ": pidfd_open");
  }
  return ChildProcess(pid, std::move(pidfd));
}

ChildProcess::~ChildProcess() {
  // A child still running here is killed: its owner is gone and nothing else may reap it.
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::optional<int> ChildProcess::try_reap() {
  if (status_) return status_;
  int status = 0;
  const pid_t got = retry_on_eintr([&] { return ::waitpid(pid_, &status, WNOHANG); });
  if (got == pid_) status_ = status;
  return status_;
}

std::optional<int> ChildProcess::wait(Clock::time_point deadline, OnInterrupt on_interrupt) {
  while (!try_reap()) {
    pollfd fd{pidfd_.get(), POLLIN, 0};
    if (wait_for(std::span(&fd, 1), deadline, "wait for " + std::to_string(pid_), on_interrupt) ==
        WaitOutcome::deadline) {
      return std::nullopt;
    }
  }
  return status_;
}

}  // namespace ctrlab::runner::sys
