#include "host_state.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <cstdlib>
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "shared_sandbox.hpp"

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

std::vector<std::string> host_run_entries() {
  std::vector<std::string> names;
  for (const std::filesystem::path directory : {"/run", "/run/systemd"}) {
    std::error_code error;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
      names.push_back(it->path().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

bool owned_by_a_live_run(const Leftover& leftover) {
  constexpr std::string_view prefix = "ctrlab-sandbox-";
  const auto at = leftover.what.find(prefix);
  if (at == std::string::npos) return false;
  const auto owner = std::atol(leftover.what.c_str() + at + prefix.size());
  return owner > 0 && ::kill(static_cast<pid_t>(owner), 0) == 0;
}

}  // namespace

std::vector<Leftover> leftovers_of_ended_runs() {
  std::vector<Leftover> found;
  const auto shared = shared_sandbox_name();
  for (auto& leftover : find_ctrlab_artifacts()) {
    const bool ours = !shared.empty() && leftover.what.find(shared) != std::string::npos;
    if (!ours && !owned_by_a_live_run(leftover)) found.push_back(std::move(leftover));
  }
  return found;
}

void require_nothing_left() {
  const auto left = leftovers_of_ended_runs();
  for (const auto& leftover : left) BOOST_TEST_MESSAGE("left: " << leftover.kind << " " << leftover.what);
  BOOST_TEST(left.empty());
}

}  // namespace ctrlab::runner::testing
