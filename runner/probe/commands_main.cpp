// ctrlab-commands: one of the module's unit scripts (preStart, the start script's commands,
// postStart) as an ExecStartPre/ExecStartPost line runs it in the sandbox: the predicted
// commands in order, without a shell; `ip` commands through netlink in the sandbox host's
// namespace, every other one exec'd. Like the script's `-e`, the first failure ends it with
// that command's status, unless the script says `|| true`. Every outcome goes to the unit's
// log, for the runner (ctrlab/runner/unit_scripts.hpp).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/unit_scripts.hpp"

namespace {

namespace scripts = ctrlab::runner::unit_scripts;
using ctrlab::oracle::Argv;
using ctrlab::oracle::CommandOutcome;

// A program's outcome as the calling shell would see it: its exit status, 128+N for signal N,
// 127 when it cannot be run.
CommandOutcome run_program(const Argv& argv) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t child = ::fork();
  if (child < 0) return {127, std::string("fork: ") + std::strerror(errno)};
  if (child == 0) {
    ::execvp(args[0], args.data());
    std::cerr << argv.front() << ": " << std::strerror(errno) << '\n';
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) return {128 + WTERMSIG(status), ""};
  return {WEXITSTATUS(status), ""};
}

void append_to_log(const std::filesystem::path& log, const scripts::LogEntry& entry) {
  const auto line = scripts::log_line(entry);
  const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  (void)::write(fd, line.data(), line.size());  // one write: O_APPEND keeps lines whole
  ::close(fd);
}

int run(const std::filesystem::path& command_file) {
  std::ifstream in(command_file);
  const auto list = scripts::command_list_from_json(nlohmann::json::parse(in));
  const auto log = command_file.parent_path() / "log.jsonl";
  const char* invocation = std::getenv("INVOCATION_ID");
  std::optional<ctrlab::runner::RouteSocket> network;
  for (const auto& argv : list.commands) {
    CommandOutcome outcome;
    if (ctrlab::oracle::is_ip_program(argv.front())) {
      if (!network) network.emplace(ctrlab::runner::RouteSocket::in_current_namespace());
      outcome = network->run(argv);
      if (!outcome.ok()) std::cerr << outcome.message << '\n';
    } else {
      outcome = run_program(argv);
    }
    append_to_log(log, {invocation != nullptr ? invocation : "", list.script, argv, outcome});
    if (!outcome.ok() && !list.ignore_failures) return outcome.exit_status;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: ctrlab-commands COMMAND-FILE\n";
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& error) {
    std::cerr << "ctrlab-commands: " << error.what() << '\n';
    return 70;
  }
}
