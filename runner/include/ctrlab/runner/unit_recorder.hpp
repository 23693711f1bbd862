#pragma once

#include <poll.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/runner/systemd_client.hpp"

// Records what systemd reports about a set of units while a scenario runs: every
// ActiveState/SubState transition (stamped with systemd's own StateChangeTimestampMonotonic),
// and the argv each new main process really exec'd, read from the sandbox's /proc.
namespace ctrlab::runner {

class Sandbox;

class UnitRecorder {
 public:
  // Starts listening on `client`; the units' current states become their first entries, at 0.
  // Construct it right before the start request: times are relative to the construction
  // (CLOCK_MONOTONIC, the clock systemd stamps with).
  UnitRecorder(SystemdClient& client, const Sandbox& sandbox, const std::vector<std::string>& units);
  ~UnitRecorder();
  UnitRecorder(const UnitRecorder&) = delete;
  UnitRecorder& operator=(const UnitRecorder&) = delete;

  // The unit's history so far, completed from its status now (Result, NRestarts, ExecMain*,
  // timestamps).
  [[nodiscard]] oracle::UnitHistory history(const std::string& unit);
  // Every argv the unit's main processes exec'd, one per start, in order.
  [[nodiscard]] const std::vector<oracle::Argv>& exec_argvs(const std::string& unit) const;
  // The unit's current main process, in the sandbox's PID namespace (0: none).
  [[nodiscard]] std::uint32_t main_pid(const std::string& unit) const;
  // The unit's state as the latest signal reported it.
  [[nodiscard]] const oracle::UnitStateChange& current_state(const std::string& unit) const;
  [[nodiscard]] bool job_pending(const std::string& unit) const;

  // Bumped on every recorded change of the unit (state, job), to look again only at what changed.
  [[nodiscard]] std::uint64_t generation(const std::string& unit) const;

  // Microseconds relative to the start of the recording.
  [[nodiscard]] oracle::MonotonicUsec relative(std::uint64_t monotonic_usec) const;
  // The start of the recording, CLOCK_MONOTONIC in microseconds.
  [[nodiscard]] std::int64_t origin_usec() const { return start_usec_; }

  // Dispatches systemd's signals until done() holds; false at the deadline. Also wakes for the
  // `extra` descriptors (calling on_extra), and every millisecond while a new main process
  // has not exec'd yet. Throws Interrupted on SIGINT/SIGTERM.
  bool run_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline,
                 const std::vector<pollfd>& extra = {}, const std::function<void()>& on_extra = {});

 private:
  struct Unit {
    oracle::UnitHistory history;
    std::uint32_t main_pid = 0;
    bool job_pending = false;
    std::uint64_t generation = 0;
    std::vector<oracle::Argv> argvs;
  };
  // A new main process whose exec has not been seen yet.
  struct PendingExec {
    std::string unit;
    std::uint32_t pid = 0;
    std::chrono::steady_clock::time_point give_up;
  };
  void on_properties_changed(const PropertiesChanged& event);
  // Records the argv of every pending main process that has exec'd; forgets those gone.
  void resolve_pending_execs();

  SystemdClient& client_;
  const Sandbox& sandbox_;
  long long start_usec_ = 0;
  std::string manager_executable_;
  std::map<std::string, Unit> units_;
  std::vector<PendingExec> pending_execs_;
};

}  // namespace ctrlab::runner
