#include "ctrlab_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ctrlab::runner::testing {

namespace {

std::filesystem::path new_output_file() {
  static int count = 0;
  return std::filesystem::temp_directory_path() /
         ("ctrlab-test-output-" + std::to_string(::getpid()) + "-" + std::to_string(count++) + ".txt");
}

// The test's environment with `changes` applied (NAME=value replaces NAME).
std::vector<std::string> environment_with(const std::vector<std::string>& changes) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto name = text.substr(0, text.find('=') + 1);
    const bool replaced = std::any_of(changes.begin(), changes.end(), [&](const auto& change) { return change.starts_with(name); });
    if (!replaced) entries.push_back(text);
  }
  entries.insert(entries.end(), changes.begin(), changes.end());
  return entries;
}

}  // namespace

CtrlabProcess::CtrlabProcess(const std::vector<std::string>& arguments, const std::vector<std::string>& environment)
    : output_(new_output_file()) {
  std::vector<std::string> argv = {CTRLAB_PROGRAM};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  auto environment_entries = environment_with(environment);
  std::vector<char*> envp;
  for (auto& entry : environment_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const int failed = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start " + argv.front());
}

CtrlabProcess::~CtrlabProcess() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::filesystem::remove(output_);
}

void CtrlabProcess::send(int signal) const { ::kill(pid_, signal); }

std::optional<int> CtrlabProcess::wait(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string CtrlabProcess::output() const {
  std::ifstream in(output_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace ctrlab::runner::testing
