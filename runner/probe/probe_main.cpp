// ctrlab-probe: the container's init in real runs. It does what the module's container-init
// script does — the container side of the network, command by command, here through netlink
// — and records each result; then, where stage 2 would run, it signals readiness and behaves
// as the scenario's probe section says for this boot. See ctrlab/runner/probe_protocol.hpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <time.h>

#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/probe_protocol.hpp"
#include "address_detection.hpp"
#include "listeners.hpp"
#include "sd_notify.hpp"

extern char** environ;

namespace ctrlab::probe {
namespace {

namespace fs = std::filesystem;
using runner::probe::BootReport;
using runner::probe::Plan;

// The module's init starts with `trap "exit 0" SIGRTMIN+3`: nspawn's --kill-signal ends it cleanly.
extern "C" void exit_cleanly(int) { ::_exit(0); }

void handle_kill_signal(bool ignore) {
  struct sigaction action {};
  action.sa_handler = ignore ? SIG_IGN : exit_cleanly;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGRTMIN + 3, &action, nullptr);
}

std::optional<fs::path> find_state_dir() {
  for (const char* candidate : runner::probe::state_dir_candidates) {
    if (fs::exists(fs::path(candidate) / runner::probe::plan_file)) return fs::path(candidate);
  }
  return std::nullopt;
}

Plan read_plan(const fs::path& state_dir) {
  std::ifstream in(state_dir / runner::probe::plan_file);
  return runner::probe::plan_from_json(nlohmann::json::parse(in));
}

// The boot count is the number of reports earlier boots left in the state directory.
std::size_t this_boot(const fs::path& state_dir) {
  std::size_t boot = 0;
  while (fs::exists(state_dir / runner::probe::report_file(boot))) ++boot;
  return boot;
}

// Written through a new name and rename(2), so the runner never reads half a report.
void write_report(const fs::path& state_dir, const BootReport& report) {
  const auto path = state_dir / runner::probe::report_file(report.boot);
  const auto temporary = fs::path(path.string() + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << nlohmann::json(report).dump() << '\n';
  }
  fs::rename(temporary, path);
}

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string_view::npos) variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

// Runs the plan's commands in order; like the module's `bash -e` script, the first failure
// ends the init with that command's exit status.
std::optional<int> run_operations(const Plan& plan, BootReport& report, const fs::path& state_dir) {
  if (plan.operations.empty()) return std::nullopt;
  auto socket = runner::RouteSocket::in_current_namespace();
  for (const auto& argv : plan.operations) {
    const auto outcome = socket.run(argv);
    report.operations.push_back({argv, outcome});
    write_report(state_dir, report);
    if (!outcome.ok()) {
      std::cerr << outcome.message << '\n';
      return outcome.exit_status;
    }
  }
  return std::nullopt;
}

// The clock systemd stamps its timestamps with, shared by the sandbox and its containers.
std::int64_t monotonic_usec() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1'000;
}

// The payload's init takes over as the container's PID 1 (payload.hpp): the report says so first,
// because nothing of the probe is left to say it afterwards.
int hand_over(const std::vector<std::string>& init, BootReport& report, const fs::path& state_dir) {
  report.handed_over_to = init.front();
  report.up = true;
  report.up_usec = monotonic_usec();
  write_report(state_dir, report);
  std::vector<char*> argv;
  for (const auto& word : init) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  ::execv(argv.front(), argv.data());
  report.error = "exec " + init.front() + ": " + std::strerror(errno);
  report.up = false;
  write_report(state_dir, report);
  std::cerr << "ctrlab-probe: " << report.error << '\n';
  return 70;
}

[[noreturn]] void wait_forever() {
  for (;;) ::pause();
}

// The boot's behaviour, serving the listeners while it waits.
[[noreturn]] void behave(const oracle::BootBehaviour& behaviour, Listeners& listeners) {
  const bool stays = behaviour.action == oracle::BootAction::stay_up;
  listeners.serve_until(stays ? Listeners::Deadline{} : std::chrono::steady_clock::now() + behaviour.after);
  switch (behaviour.action) {
    case oracle::BootAction::exit:
      ::_exit(behaviour.exit_code);
    case oracle::BootAction::reboot:
      ::reboot(RB_AUTOBOOT);  // in a PID namespace: the kernel ends us with SIGHUP
      break;
    case oracle::BootAction::poweroff:
      ::reboot(RB_POWER_OFF);  // in a PID namespace: the kernel ends us with SIGINT
      break;
    case oracle::BootAction::stay_up:
    case oracle::BootAction::hang_before_ready:
    case oracle::BootAction::notify_from_child:
      wait_forever();
    case oracle::BootAction::exit_before_ready:
      ::_exit(behaviour.exit_code);
  }
  std::cerr << "ctrlab-probe: reboot(2): " << std::strerror(errno) << '\n';
  ::_exit(1);
}

// What `uname -m` says here: the container's personality decides it (PER_LINUX32: i686).
std::string machine() {
  struct utsname name {};
  if (::uname(&name) != 0) return "";
  return name.machine;
}

int run(int argc, char** argv) {
  const auto started_usec = monotonic_usec();
  handle_kill_signal(false);
  const auto state_dir = find_state_dir();
  if (!state_dir) {
    std::cerr << "ctrlab-probe: no plan in any of its state directories\n";
    return 70;
  }
  BootReport report;
  report.boot = this_boot(*state_dir);
  report.pid = ::getpid();
  report.argv.assign(argv, argv + argc);
  report.environment = environment();
  report.started_usec = started_usec;
  report.machine = machine();
  try {
    const Plan plan = read_plan(*state_dir);
    const auto& behaviour = plan.script.for_boot(report.boot);
    report.action = oracle::to_string(behaviour.action);
    handle_kill_signal(behaviour.ignore_kill_signal);
    write_report(*state_dir, report);

    if (!plan.duplicate_address_detection) turn_off_address_detection();
    if (const auto failed = run_operations(plan, report, *state_dir)) return *failed;
    report.reached_stage_2 = true;
    if (!plan.exec_after_stage_2.empty()) return hand_over(plan.exec_after_stage_2, report, *state_dir);
    if (behaviour.action == oracle::BootAction::hang_before_ready) {
      write_report(*state_dir, report);
      wait_forever();
    }
    if (behaviour.action == oracle::BootAction::exit_before_ready) {
      write_report(*state_dir, report);
      std::this_thread::sleep_for(behaviour.after);
      ::_exit(behaviour.exit_code);
    }
    std::vector<std::string> failures;
    auto listeners = Listeners::open(plan.listeners, failures);
    for (const auto& failure : failures) report.error += (report.error.empty() ? "listen on " : "; ") + failure;
    // The report says "up" before READY=1 goes out, so whoever sees the unit become active
    // finds the report already written.
    const bool asked_for_readiness = std::getenv("NOTIFY_SOCKET") != nullptr;
    report.ready_sent = asked_for_readiness;
    report.up = true;
    report.up_usec = monotonic_usec();
    write_report(*state_dir, report);
    const bool notified = behaviour.action == oracle::BootAction::notify_from_child ? notify_from_a_child("READY=1\n")
                                                                                  : notify("READY=1\nSTATUS=ctrlab probe up\n");
    if (asked_for_readiness && !notified) {
      report.error = std::string("sd_notify: ") + std::strerror(errno);
      report.ready_sent = report.up = false;
      write_report(*state_dir, report);
    }
    behave(behaviour, listeners);
  } catch (const std::exception& error) {
    report.error = error.what();
    write_report(*state_dir, report);
    std::cerr << "ctrlab-probe: " << error.what() << '\n';
    return 70;
  }
}

}  // namespace
}  // namespace ctrlab::probe

int main(int argc, char** argv) { return ctrlab::probe::run(argc, argv); }
