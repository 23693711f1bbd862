#include "ctrlab/runner/unit_recorder.hpp"

#include <algorithm>

#include "ctrlab/oracle/exit_status.hpp"
#include "ctrlab/runner/error.hpp"
#include "sandbox/sandbox_processes.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

constexpr const char* unit_interface = "org.freedesktop.systemd1.Unit";
constexpr const char* service_interface = "org.freedesktop.systemd1.Service";
// systemd forks, sets the child up, then execs; there is no event for the exec itself.
constexpr auto exec_wait = std::chrono::seconds(2);
constexpr auto exec_poll_interval = std::chrono::milliseconds(1);

template <typename T>
std::optional<T> property(const PropertiesChanged& event, const char* name) {
  const auto found = event.changed.find(name);
  if (found == event.changed.end()) return std::nullopt;
  if (const auto* value = std::get_if<T>(&found->second)) return *value;
  return std::nullopt;
}

}  // namespace

UnitRecorder::UnitRecorder(SystemdClient& client, const Sandbox& sandbox, const std::vector<std::string>& units)
    : client_(client), sandbox_(sandbox) {
  manager_executable_ = sandbox_processes::executable(sandbox, 1).value_or("");
  for (const auto& name : units) {
    const auto status = client.status(name);
    if (status.load_state != "loaded") {
      throw RunnerError("load " + name, "systemd reports LoadState=" + status.load_state);
    }
    Unit unit;
    unit.history.unit = name;
    unit.history.changes.push_back({0, status.active_state, status.sub_state});
    unit.job_pending = status.job_pending;
    unit.main_pid = status.main_pid;
    units_.emplace(name, std::move(unit));
  }
  client_.on_properties_changed([this](const PropertiesChanged& event) { on_properties_changed(event); });
  start_usec_ = sys::monotonic_usec();
}

UnitRecorder::~UnitRecorder() { client_.on_properties_changed(nullptr); }

oracle::MonotonicUsec UnitRecorder::relative(std::uint64_t monotonic_usec) const {
  return static_cast<oracle::MonotonicUsec>(monotonic_usec) - start_usec_;
}

void UnitRecorder::on_properties_changed(const PropertiesChanged& event) {
  const auto found = units_.find(event.unit);
  if (found == units_.end()) return;
  auto& unit = found->second;
  if (event.interface == unit_interface) {
    if (const auto job = property<std::uint64_t>(event, "Job"); job && (*job != 0) != unit.job_pending) {
      unit.job_pending = *job != 0;
      ++unit.generation;
    }
    const auto active = property<std::string>(event, "ActiveState");
    const auto sub = property<std::string>(event, "SubState");
    if (!active || !sub) return;
    const auto& last = unit.history.changes.back();
    if (last.active_state == *active && last.sub_state == *sub) return;
    const auto stamp = property<std::uint64_t>(event, "StateChangeTimestampMonotonic");
    const auto at = stamp ? relative(*stamp) : sys::monotonic_usec() - start_usec_;
    unit.history.changes.push_back({at, *active, *sub});
    ++unit.generation;
  } else if (event.interface == service_interface) {
    const auto pid = property<std::uint64_t>(event, "MainPID");
    if (pid && *pid != 0 && *pid != unit.main_pid) {
      pending_execs_.push_back({event.unit, static_cast<std::uint32_t>(*pid), sys::Clock::now() + exec_wait});
    }
    if (pid) unit.main_pid = static_cast<std::uint32_t>(*pid);
  }
}

// A new main process is the manager's fork (renamed "(name)") until it execs: its argv counts
// once its executable is no longer the manager's and the kernel has set up its arguments (an
// exec in progress shows the new executable with none yet).
void UnitRecorder::resolve_pending_execs() {
  const auto now = sys::Clock::now();
  std::erase_if(pending_execs_, [&](const PendingExec& pending) {
    const auto executable = sandbox_processes::executable(sandbox_, static_cast<pid_t>(pending.pid));
    if (!executable || now >= pending.give_up) return true;  // gone, or never exec'd
    if (*executable == manager_executable_) return false;
    auto argv = sandbox_processes::cmdline(sandbox_, static_cast<pid_t>(pending.pid));
    if (!argv) return true;
    if (argv->empty()) return false;
    units_.at(pending.unit).argvs.push_back(*std::move(argv));
    return true;
  });
}

bool UnitRecorder::run_until(const std::function<bool()>& done, sys::Clock::time_point deadline,
                             const std::vector<pollfd>& extra, const std::function<void()>& on_extra) {
  for (;;) {
    client_.dispatch();
    resolve_pending_execs();
    if (done()) return true;
    if (client_.dispatch()) continue;  // done() itself may have queued signals
    std::vector<pollfd> fds{client_.poll_entry()};
    fds.insert(fds.end(), extra.begin(), extra.end());
    auto wake = client_.wake_up_by(deadline);
    if (!pending_execs_.empty()) wake = std::min(wake, sys::Clock::now() + exec_poll_interval);
    wake = std::max(wake, sys::Clock::now() + std::chrono::microseconds(1));
    const auto outcome = sys::wait_for(fds, wake, "wait for the units");
    if (outcome == sys::WaitOutcome::deadline && sys::Clock::now() >= deadline) {
      client_.dispatch();
      resolve_pending_execs();
      return done();
    }
    const bool extra_ready = std::any_of(fds.begin() + 1, fds.end(), [](const pollfd& fd) { return fd.revents != 0; });
    if (extra_ready && on_extra) on_extra();
  }
}

oracle::UnitHistory UnitRecorder::history(const std::string& unit) {
  const auto final_status = client_.status(unit);
  // Signals systemd sent before its reply may still wait in the queue: take them in first.
  client_.dispatch();
  auto history = units_.at(unit).history;
  history.result = final_status.result;
  history.n_restarts = final_status.n_restarts;
  const auto exit_code = oracle::exit_code_from_number(final_status.exec_main_code);
  history.exec_main_code = exit_code ? std::string(oracle::to_string(*exit_code)) : "";
  history.exec_main_status = final_status.exec_main_status;
  if (final_status.active_enter_usec != 0) history.active_enter = relative(final_status.active_enter_usec);
  if (final_status.inactive_exit_usec != 0) history.inactive_exit = relative(final_status.inactive_exit_usec);
  return history;
}

const std::vector<oracle::Argv>& UnitRecorder::exec_argvs(const std::string& unit) const {
  return units_.at(unit).argvs;
}

std::uint32_t UnitRecorder::main_pid(const std::string& unit) const { return units_.at(unit).main_pid; }

const oracle::UnitStateChange& UnitRecorder::current_state(const std::string& unit) const {
  return units_.at(unit).history.changes.back();
}

bool UnitRecorder::job_pending(const std::string& unit) const { return units_.at(unit).job_pending; }

std::uint64_t UnitRecorder::generation(const std::string& unit) const { return units_.at(unit).generation; }

}  // namespace ctrlab::runner
