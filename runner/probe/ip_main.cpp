// ctrlab-ip: one `ip` command of a unit's ExecStartPre/ExecStartPost, run through netlink in
// the sandbox host's namespace instead of by iproute2 under a shell. The unit execs it as
// `@/run/ctrlab/bin/ctrlab-ip ip ARGS...`, so argv is exactly the predicted command; it exits
// with iproute2's status and prints iproute2's message, so systemd records the same outcome,
// and it appends both to the unit's operation log (operation_log.hpp) for the runner.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/operation_log.hpp"

namespace {

// The unit this process runs for: the last .service in its cgroup path (a delegated unit runs
// its ExecStartPost commands in a .control group below its own).
std::string own_unit() {
  std::ifstream cgroups("/proc/self/cgroup");
  std::string unit;
  for (std::string line; std::getline(cgroups, line);) {
    if (!line.starts_with("0::") && line.find(":name=systemd:") == std::string::npos) continue;
    std::istringstream path(line.substr(line.find(":/") + 1));
    for (std::string component; std::getline(path, component, '/');) {
      if (component.ends_with(".service")) unit = component;
    }
  }
  return unit;
}

void log_outcome(const ctrlab::oracle::Argv& argv, const ctrlab::oracle::CommandOutcome& outcome) {
  namespace log = ctrlab::runner::operation_log;
  const auto unit = own_unit();
  if (unit.empty()) return;
  const char* invocation = std::getenv("INVOCATION_ID");
  const auto line = log::to_line({invocation != nullptr ? invocation : "", argv, outcome});
  const auto file = log::file_for(log::directory_inside, unit);
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;  // not run by a unit in the sandbox: nothing to record
  (void)::write(fd, line.data(), line.size());  // one write: O_APPEND keeps lines whole
  ::close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  const ctrlab::oracle::Argv command(argv, argv + argc);
  ctrlab::oracle::CommandOutcome outcome;
  try {
    auto socket = ctrlab::runner::RouteSocket::in_current_namespace();
    outcome = socket.run(command);
  } catch (const std::exception& error) {
    outcome = {70, std::string("ctrlab-ip: ") + error.what()};
  }
  log_outcome(command, outcome);
  if (!outcome.ok()) std::cerr << outcome.message << '\n';
  return outcome.exit_status;
}
