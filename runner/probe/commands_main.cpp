// ctrlab-commands: one of the module's unit scripts (preStart, the start script's commands,
// postStart) as an ExecStartPre/ExecStartPost line runs it in the sandbox: the predicted
// commands in order, without a shell; `ip` commands through netlink in the sandbox host's
// namespace, the start script's file commands by their system calls and `machinectl
// terminate` by its D-Bus call (file_commands.hpp, machine_commands.hpp), any other exec'd. Like the script's `-e`, the first failure ends it with
// that command's status, unless the script says `|| true`. Every outcome goes to the unit's
// log, for the runner (ctrlab/runner/unit_scripts.hpp). Where the script holds a line bash
// cannot read, the list ends with bash's message and status 2.
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
#include "file_commands.hpp"
#include "machine_commands.hpp"
#include "nixos_container_commands.hpp"

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

// The commands done without starting a program (file_commands.hpp, machine_commands.hpp).
std::optional<CommandOutcome> builtin(const Argv& argv) {
  if (auto done = ctrlab::probe::run_file_command(argv)) return done;
  if (auto done = ctrlab::probe::run_nixos_container_command(argv)) return done;
  return ctrlab::probe::run_machine_command(argv);
}

// Runs one script's command list; returns the status that ends the whole line (0: go on).
int run_script(const std::filesystem::path& command_file, std::optional<ctrlab::runner::RouteSocket>& network) {
  std::ifstream in(command_file);
  const auto list = scripts::command_list_from_json(nlohmann::json::parse(in));
  const auto log = command_file.parent_path() / "log.jsonl";
  const char* invocation = std::getenv("INVOCATION_ID");
  for (const auto& argv : list.commands) {
    CommandOutcome outcome;
    if (ctrlab::oracle::is_ip_program(argv.front())) {
      if (!network) network.emplace(ctrlab::runner::RouteSocket::in_current_namespace());
      outcome = network->run(argv);
      if (!outcome.ok()) std::cerr << outcome.message << '\n';
    } else if (auto done = builtin(argv)) {
      outcome = *done;
      if (!outcome.ok()) std::cerr << outcome.message << '\n';
    } else {
      outcome = run_program(argv);
    }
    append_to_log(log, {invocation != nullptr ? invocation : "", list.script, argv, outcome});
    if (!outcome.ok() && !list.ignore_failures) return outcome.exit_status;
  }
  if (list.syntax_error) {
    std::cerr << command_file.filename().string() << ": " << *list.syntax_error << '\n';
    return ctrlab::oracle::bash_syntax_error_status;
  }
  return 0;
}

}  // namespace

// Each COMMAND-FILE is one script, run in the order given (preStart, then the start script's
// commands, share one ExecStartPre line: a process less per start).
int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: ctrlab-commands COMMAND-FILE...\n";
    return 2;
  }
  try {
    std::optional<ctrlab::runner::RouteSocket> network;
    for (int i = 1; i < argc; ++i) {
      if (const int status = run_script(argv[i], network); status != 0) return status;
    }
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "ctrlab-commands: " << error.what() << '\n';
    return 70;
  }
}
