#pragma once

#include <cstdint>
#include <optional>

#include "ctrlab/sim/engine.hpp"
#include "ctrlab/sim/systemd_vocabulary.hpp"
#include "ctrlab/sim/service_properties.hpp"
#include "ctrlab/sim/service_state.hpp"
#include "ctrlab/sim/start_limit.hpp"

// systemd v252's state machine for one service unit (src/core/service.c), for the service
// types container units use (notify, and simple for the 2014 module). Function names follow
// systemd's: enter_start_pre() is service_enter_start_pre(), and so on.
namespace ctrlab::sim {

class ServiceUnit;

// The processes systemd runs for the unit. A model of them (the container) reports back
// through ServiceUnit::on_main_exit(), on_control_exit() and on_notify(), each call from
// its own engine event, as each SIGCHLD or notification is its own dispatch in systemd.
class ServiceProcesses {
 public:
  enum class Command { start_pre, start_post, stop, stop_post };

  virtual void spawn_control(Command command) = 0;  // replaces any control process still running
  virtual void spawn_main() = 0;
  [[nodiscard]] virtual bool main_alive() const = 0;
  [[nodiscard]] virtual bool control_alive() const = 0;
  virtual void signal_main(Signal signal) = 0;
  virtual void signal_control(Signal signal) = 0;
  // The unit has come to rest inactive or failed, with no restart ahead (what systemd-machined
  // waits for before it forgets a machine whose nspawn did not unregister it).
  virtual void unit_came_to_rest() = 0;

 protected:
  ServiceProcesses() = default;
  ServiceProcesses(const ServiceProcesses&) = default;
  ServiceProcesses& operator=(const ServiceProcesses&) = default;
  ~ServiceProcesses() = default;
};

// sd_notify() messages the unit acts on.
enum class Notification { ready, stopping };

// The manager's job queue: jobs run one at a time, in order (systemd's run queue).
class JobQueue {
 public:
  virtual void enqueue(ServiceUnit& unit) = 0;
  // What a unit's processes tell systemd (an exit, an sd_notify message) is handled on the
  // manager's one thread as well, after what is queued before it: `handler` gets `tag` then.
  virtual void enqueue_event(EventHandler& handler, EventTag tag) = 0;

 protected:
  JobQueue() = default;
  JobQueue(const JobQueue&) = default;
  JobQueue& operator=(const JobQueue&) = default;
  ~JobQueue() = default;
};

// Watches a unit. on_state_change() sees every transition, also those systemd passes through
// within one dispatch (failed on the way to auto-restart, dead on the way from auto-restart to
// start-pre): systemd v252 publishes each of them on D-Bus, because its *_set_state() sends a
// still-pending PropertiesChanged before it changes the state again
// (bus_unit_send_pending_change_signal()). on_published() is called at the end of a dispatch
// that changed something (the state or NRestarts).
class UnitObserver {
 public:
  virtual void on_state_change(const ServiceUnit& unit, ServiceState from, ServiceState to) = 0;
  virtual void on_published(const ServiceUnit& unit) = 0;
  virtual void on_start_timeout(const ServiceUnit& unit) = 0;

 protected:
  UnitObserver() = default;
  UnitObserver(const UnitObserver&) = default;
  UnitObserver& operator=(const UnitObserver&) = default;
  ~UnitObserver() = default;
};

enum class JobType { start, stop, restart };

class ServiceUnit final : public EventHandler {
 public:
  // `properties` must outlive the unit (mass autostart shares one for all units).
  ServiceUnit(Engine& engine, JobQueue& jobs, const ServiceProperties& properties, std::uint32_t id);
  ServiceUnit(const ServiceUnit&) = delete;
  ServiceUnit& operator=(const ServiceUnit&) = delete;

  void attach(ServiceProcesses& processes) { processes_ = &processes; }
  void observe(UnitObserver& observer) { observer_ = &observer; }

  // systemctl start / stop: queue a job (a later request replaces a queued one).
  void request_start();
  void request_stop();
  // The job queue runs the unit's queued job.
  void run_job();
  // Runs a start job the manager queued on the unit's behalf before the unit's model existed
  // (machines.target's jobs in mass autostart, whose units are built only when dispatched).
  void run_start_job_now();

  void on_main_exit(const ProcessExit& exit);
  void on_control_exit(const ProcessExit& exit);
  void on_notify(Notification message);
  void on_event(EventTag tag) override;  // the unit's timer
  // The manager that runs the unit's jobs and handles its processes' reports.
  [[nodiscard]] JobQueue& manager() const { return *jobs_; }

  // The unit's D-Bus properties.
  [[nodiscard]] std::uint32_t id() const { return id_; }
  [[nodiscard]] ServiceState state() const { return state_; }
  [[nodiscard]] ActiveState active_state() const { return active_state_of(state_); }
  [[nodiscard]] ServiceResult result() const { return result_; }
  [[nodiscard]] std::uint32_t n_restarts() const { return n_restarts_; }
  // Whether a main process has ended, or said STOPPING=1, while ExecStartPost= still ran: the
  // order in which systemd sees the two ends is then the machine's to decide (unit_outcome.hpp).
  [[nodiscard]] bool main_ended_during_start_post() const { return main_ended_during_start_post_; }
  [[nodiscard]] std::optional<ProcessExit> main_exit() const { return main_exit_; }
  [[nodiscard]] std::optional<SimTime> active_enter() const { return active_enter_; }
  [[nodiscard]] std::optional<SimTime> inactive_exit() const { return inactive_exit_; }
  [[nodiscard]] bool start_limit_hit() const { return start_limit_hit_; }
  [[nodiscard]] bool has_queued_job() const { return queued_job_.has_value(); }

 private:
  // RAII: at the end of each entry point, publish what changed.
  class Dispatch;

  enum class NotifyState { unknown, ready, stopping };

  void queue_job(JobType type);
  void run_start_job();
  void service_start();
  void service_stop();

  void enter_start_pre();
  void enter_start();
  void enter_start_post();
  void enter_running(ServiceResult f);
  void enter_stop(ServiceResult f);
  void enter_stop_by_notify();
  void enter_signal(ServiceState state, ServiceResult f);
  void enter_stop_post(ServiceResult f);
  void enter_dead(ServiceResult f, bool allow_restart);
  void enter_restart();

  bool kill_processes(ServiceState state);
  void set_state(ServiceState next);
  void record_result(ServiceResult f);
  void arm_timer(Duration span);
  void disarm_timer();
  void publish();

  Engine* engine_;
  JobQueue* jobs_;
  const ServiceProperties* properties_;
  ServiceProcesses* processes_ = nullptr;
  UnitObserver* observer_ = nullptr;
  StartLimit start_limit_;
  std::optional<ProcessExit> main_exit_;
  std::optional<SimTime> active_enter_;
  std::optional<SimTime> inactive_exit_;
  std::optional<JobType> queued_job_;
  std::uint32_t id_;
  std::uint32_t timer_generation_ = 0;
  std::uint32_t n_restarts_ = 0;
  bool main_ended_during_start_post_ = false;
  std::uint32_t published_n_restarts_ = 0;
  ServiceState state_ = ServiceState::dead;
  ServiceState published_state_ = ServiceState::dead;
  ServiceResult result_ = ServiceResult::success;
  NotifyState notify_state_ = NotifyState::unknown;
  bool forbid_restart_ = false;
  bool flush_n_restarts_ = false;
  bool start_limit_hit_ = false;
  bool start_waits_for_stop_ = false;
};

}  // namespace ctrlab::sim
