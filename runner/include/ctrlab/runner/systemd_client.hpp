#pragma once

#include <poll.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

// A client of one systemd manager over its D-Bus system bus (sdbus-c++): the sandbox's.
// Single-threaded: events (JobRemoved, PropertiesChanged) are delivered by dispatch(),
// which the caller runs when poll_fd() is readable (see run_until()).
namespace ctrlab::runner {

// A property value as systemd sends it, for the types the runner reads.
using PropertyValue = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, std::string>;

struct PropertiesChanged {
  std::string unit;       // the unit's name (container@web.service)
  std::string interface;  // org.freedesktop.systemd1.Unit or .Service
  std::map<std::string, PropertyValue> changed;
};

struct JobRemoved {
  std::uint32_t id = 0;
  std::string unit;
  std::string result;  // done, canceled, timeout, failed, dependency, skipped
};

// What the runner reads of a unit at once (systemd's own property names in comments).
struct UnitStatus {
  std::string load_state;    // LoadState
  std::string active_state;  // ActiveState
  std::string sub_state;     // SubState
  std::string result;        // Result (services)
  std::uint32_t n_restarts = 0;         // NRestarts
  std::int32_t exec_main_code = 0;      // ExecMainCode: CLD_EXITED=1, CLD_KILLED=2, CLD_DUMPED=3
  std::int32_t exec_main_status = 0;    // ExecMainStatus
  std::uint32_t main_pid = 0;           // MainPID, in the manager's PID namespace
  std::uint64_t active_enter_usec = 0;  // ActiveEnterTimestampMonotonic
  std::uint64_t inactive_exit_usec = 0; // InactiveExitTimestampMonotonic
  std::uint64_t state_change_usec = 0;  // StateChangeTimestampMonotonic
  bool job_pending = false;             // Job: a job is queued for the unit
};

class SystemdClient {
 public:
  // Connects to the bus at `bus_address` (e.g. Sandbox::bus_address()) and subscribes to
  // the manager's signals.
  explicit SystemdClient(const std::string& bus_address);
  ~SystemdClient();
  SystemdClient(const SystemdClient&) = delete;
  SystemdClient& operator=(const SystemdClient&) = delete;

  // Manager.Reload; returns once systemd has reloaded.
  void reload();
  // Manager.StartUnit/StopUnit/RestartUnit; return the job id.
  std::uint32_t start_unit(const std::string& unit, const std::string& mode = "replace");
  std::uint32_t stop_unit(const std::string& unit, const std::string& mode = "replace");
  void reset_failed_unit(const std::string& unit);
  // Unit.Ref/Unref: while this client holds a reference, systemd does not unload the unit
  // (a unit that ended cleanly is otherwise unloaded soon, and its Result with it).
  void ref_unit(const std::string& unit);
  void unref_unit(const std::string& unit);
  // Manager.StartTransientUnit for a Type=notify service with a delegated cgroup that execs
  // `argv` and nothing else (what a bare systemd-nspawn needs). Returns the job id.
  std::uint32_t start_transient_notify_service(const std::string& unit, const std::vector<std::string>& argv);
  // Manager.KillUnit: `signal` to every process of the unit.
  void kill_unit(const std::string& unit, int signal);
  // Loads the unit if needed and returns its status.
  [[nodiscard]] UnitStatus status(const std::string& unit);
  // Names of loaded units matching shell-style patterns (Manager.ListUnitsByPatterns).
  [[nodiscard]] std::vector<std::string> list_units(const std::vector<std::string>& patterns);
  // Pending jobs (Manager.ListJobs): id and unit.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::string>> list_jobs();

  void on_job_removed(std::function<void(const JobRemoved&)> handler);
  // PropertiesChanged of any unit object.
  void on_properties_changed(std::function<void(const PropertiesChanged&)> handler);

  // Delivers every queued event to the handlers; false if there was none.
  bool dispatch();
  // What to poll before the next dispatch(): the bus's fd and events, and how long poll may
  // block (zero when messages already wait in the bus's queue, e.g. read during a call).
  [[nodiscard]] pollfd poll_entry() const;
  [[nodiscard]] std::chrono::steady_clock::time_point wake_up_by(std::chrono::steady_clock::time_point deadline) const;

  // Dispatches events until done() holds; false at the deadline. Throws Interrupted.
  bool run_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline);

 private:
  struct Bus;
  std::unique_ptr<Bus> bus_;
};

}  // namespace ctrlab::runner
