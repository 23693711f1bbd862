#include "host_state.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/test/unit_test.hpp>
#include <stdexcept>

extern char** environ;

namespace ctrlab::runner::testing {

std::string capture_output(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) < 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error("cannot run " + argv.front());
  }
  std::string output;
  std::array<char, 4096> buffer{};
  for (ssize_t got; (got = ::read(pipe_fds[0], buffer.data(), buffer.size())) > 0;) {
    output.append(buffer.data(), static_cast<std::size_t>(got));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  BOOST_REQUIRE_MESSAGE(WIFEXITED(status) && WEXITSTATUS(status) == 0, argv.front() + " failed");
  return output;
}

HostNetwork host_network() {
  return {capture_output({"ip", "-j", "link"}), capture_output({"ip", "-j", "addr"}),
          capture_output({"ip", "-j", "route", "show", "table", "all"})};
}

}  // namespace ctrlab::runner::testing
