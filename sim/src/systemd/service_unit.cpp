#include "ctrlab/sim/service_unit.hpp"

#include "ctrlab/sim/restart_rules.hpp"

namespace ctrlab::sim {
namespace {

bool is_starting(ServiceState state) {
  return state == ServiceState::condition || state == ServiceState::start_pre || state == ServiceState::start ||
         state == ServiceState::start_post;
}

bool is_stopping(ServiceState state) {
  switch (state) {
    case ServiceState::stop:
    case ServiceState::stop_watchdog:
    case ServiceState::stop_sigterm:
    case ServiceState::stop_sigkill:
    case ServiceState::stop_post:
    case ServiceState::final_watchdog:
    case ServiceState::final_sigterm:
    case ServiceState::final_sigkill:
      return true;
    default:
      return false;
  }
}

bool is_sigkill_state(ServiceState state) {
  return state == ServiceState::stop_sigkill || state == ServiceState::final_sigkill;
}

// service_set_state() keeps the timer only in states that use it.
bool keeps_timer(ServiceState state) {
  return state != ServiceState::dead && state != ServiceState::failed && state != ServiceState::exited;
}

}  // namespace

class ServiceUnit::Dispatch {
 public:
  explicit Dispatch(ServiceUnit& unit) : unit_(unit) {}
  Dispatch(const Dispatch&) = delete;
  Dispatch& operator=(const Dispatch&) = delete;
  ~Dispatch() { unit_.publish(); }

 private:
  ServiceUnit& unit_;
};

ServiceUnit::ServiceUnit(Engine& engine, JobQueue& jobs, const ServiceProperties& properties, std::uint32_t id)
    : engine_(&engine),
      jobs_(&jobs),
      properties_(&properties),
      start_limit_(properties.start_limit_interval, properties.start_limit_burst),
      id_(id) {}

// ---- jobs ------------------------------------------------------------------------------

void ServiceUnit::request_start() {
  const Dispatch dispatch(*this);
  queue_job(JobType::start);
}

void ServiceUnit::request_stop() {
  const Dispatch dispatch(*this);
  start_waits_for_stop_ = false;
  queue_job(JobType::stop);
}

void ServiceUnit::queue_job(JobType type) {
  const bool already_queued = queued_job_.has_value();
  queued_job_ = type;
  if (!already_queued) jobs_->enqueue(*this);
}

void ServiceUnit::run_start_job_now() {
  const Dispatch dispatch(*this);
  run_start_job();
}

void ServiceUnit::run_job() {
  const Dispatch dispatch(*this);
  if (!queued_job_) return;
  const JobType job = *queued_job_;
  queued_job_.reset();
  switch (job) {
    case JobType::start:
      run_start_job();
      break;
    case JobType::stop:
      service_stop();
      break;
    case JobType::restart:
      // JOB_RESTART stops the unit waiting in auto-restart, then runs as a start job.
      service_stop();
      run_start_job();
      break;
  }
}

void ServiceUnit::run_start_job() {
  if (is_starting(state_) || state_ == ServiceState::running || state_ == ServiceState::exited) return;
  if (is_stopping(state_)) {
    start_waits_for_stop_ = true;  // the job waits until the unit is down (-EAGAIN)
    return;
  }
  if (state_ == ServiceState::auto_restart) return;  // the restart timer will start it
  // service_can_start(): the start limit counts every start that gets this far.
  if (!start_limit_.admit(engine_->now())) {
    start_limit_hit_ = true;
    enter_dead(ServiceResult::start_limit_hit, false);
    return;
  }
  service_start();
}

void ServiceUnit::service_start() {
  result_ = ServiceResult::success;
  forbid_restart_ = false;
  notify_state_ = NotifyState::unknown;
  main_exit_.reset();
  if (flush_n_restarts_) {
    n_restarts_ = 0;
    flush_n_restarts_ = false;
  }
  enter_start_pre();  // no ExecCondition= in the units modelled
}

void ServiceUnit::service_stop() {
  forbid_restart_ = true;  // manual stops never restart
  if (is_stopping(state_)) return;
  if (state_ == ServiceState::auto_restart) {
    set_state(ServiceState::dead);
    return;
  }
  if (is_starting(state_) || state_ == ServiceState::reload) {
    enter_signal(ServiceState::stop_sigterm, ServiceResult::success);
    return;
  }
  if (state_ == ServiceState::running || state_ == ServiceState::exited) enter_stop(ServiceResult::success);
}

// ---- the start path ----------------------------------------------------------------------

void ServiceUnit::enter_start_pre() {
  if (!properties_->commands.start_pre) {
    enter_start();
    return;
  }
  processes_->spawn_control(ServiceProcesses::Command::start_pre);
  arm_timer(properties_->timeout_start);
  set_state(ServiceState::start_pre);
}

void ServiceUnit::enter_start() {
  processes_->spawn_main();
  if (!properties_->waits_for_ready()) {
    // simple, exec, idle: started once forked; no start timeout applies to them.
    enter_start_post();
    return;
  }
  arm_timer(properties_->timeout_start);
  set_state(ServiceState::start);
}

void ServiceUnit::enter_start_post() {
  if (!properties_->commands.start_post) {
    enter_running(ServiceResult::success);
    return;
  }
  processes_->spawn_control(ServiceProcesses::Command::start_post);
  arm_timer(properties_->timeout_start);
  set_state(ServiceState::start_post);
}

void ServiceUnit::enter_running(ServiceResult f) {
  record_result(f);
  if (result_ != ServiceResult::success) {
    enter_signal(ServiceState::stop_sigterm, f);
  } else if (processes_->main_alive()) {
    if (notify_state_ == NotifyState::stopping) {
      enter_stop_by_notify();
    } else {
      set_state(ServiceState::running);
      disarm_timer();  // RuntimeMaxSec= is infinity
    }
  } else {
    enter_stop(ServiceResult::success);
  }
}

// ---- the stop path -----------------------------------------------------------------------

void ServiceUnit::enter_stop(ServiceResult f) {
  record_result(f);
  if (!properties_->commands.stop) {
    enter_signal(ServiceState::stop_sigterm, ServiceResult::success);
    return;
  }
  processes_->spawn_control(ServiceProcesses::Command::stop);
  arm_timer(properties_->timeout_stop);
  set_state(ServiceState::stop);
}

void ServiceUnit::enter_stop_by_notify() {
  // The service said STOPPING=1: as if it had been sent SIGTERM.
  arm_timer(properties_->timeout_stop);
  set_state(ServiceState::stop_sigterm);
}

void ServiceUnit::enter_signal(ServiceState state, ServiceResult f) {
  record_result(f);
  if (kill_processes(state)) {
    arm_timer(properties_->timeout_stop);
    set_state(state);
  } else if ((state == ServiceState::stop_sigterm || state == ServiceState::stop_watchdog) &&
             properties_->send_sigkill) {
    enter_signal(ServiceState::stop_sigkill, ServiceResult::success);
  } else if (state == ServiceState::stop_sigterm || state == ServiceState::stop_watchdog ||
             state == ServiceState::stop_sigkill) {
    enter_stop_post(ServiceResult::success);
  } else if ((state == ServiceState::final_sigterm || state == ServiceState::final_watchdog) &&
             properties_->send_sigkill) {
    enter_signal(ServiceState::final_sigkill, ServiceResult::success);
  } else {
    enter_dead(ServiceResult::success, true);
  }
}

// unit_kill_context(): KillSignal= (or SIGKILL) to the main and control processes; with
// KillMode=mixed or control-group SIGKILL also reaches the rest of the cgroup, which in the
// container units dies with nspawn anyway. True when there is something to wait for.
bool ServiceUnit::kill_processes(ServiceState state) {
  const Signal signal = is_sigkill_state(state) ? signals::kill : properties_->kill_signal;
  bool wait = false;
  if (processes_->main_alive()) {
    processes_->signal_main(signal);
    wait = true;
  }
  if (processes_->control_alive()) {
    processes_->signal_control(signal);
    wait = true;
  }
  return wait;
}

void ServiceUnit::enter_stop_post(ServiceResult f) {
  record_result(f);
  if (!properties_->commands.stop_post) {
    enter_signal(ServiceState::final_sigterm, ServiceResult::success);
    return;
  }
  processes_->spawn_control(ServiceProcesses::Command::stop_post);
  arm_timer(properties_->timeout_stop);
  set_state(ServiceState::stop_post);
}

void ServiceUnit::enter_dead(ServiceResult f, bool allow_restart) {
  if (queued_job_ == JobType::stop) allow_restart = false;  // a stop job is pending
  record_result(f);
  const ServiceState end_state = result_ == ServiceResult::success ? ServiceState::dead : ServiceState::failed;
  bool restart = false;
  if (allow_restart) {
    RestartQuestion question;
    question.policy = properties_->restart;
    question.result = result_;
    question.main_exit = main_exit_;
    question.prevent = &properties_->restart_prevent_exit_status;
    question.force = &properties_->restart_force_exit_status;
    question.manual_stop = forbid_restart_;
    restart = shall_restart(question).restart;
  }
  set_state(end_state);  // passed through on the way to auto-restart, within this dispatch
  if (restart) {
    arm_timer(properties_->restart_sec);
    set_state(ServiceState::auto_restart);
  } else {
    flush_n_restarts_ = true;  // the next start begins counting afresh
    processes_->unit_came_to_rest();
  }
  forbid_restart_ = false;
  if (!restart && start_waits_for_stop_) {
    start_waits_for_stop_ = false;
    queue_job(JobType::start);
  }
}

void ServiceUnit::enter_restart() {
  if (queued_job_ == JobType::stop) return;  // "Stop job pending for unit, skipping automatic restart."
  ++n_restarts_;
  flush_n_restarts_ = false;
  queue_job(JobType::restart);
}

// ---- what the processes report -------------------------------------------------------------

void ServiceUnit::on_main_exit(const ProcessExit& exit) {
  const Dispatch dispatch(*this);
  main_exit_ = exit;
  const ServiceResult f = result_of_exit(exit, ExitJudged::daemon, properties_->success_exit_status);
  record_result(f);
  switch (state_) {
    case ServiceState::start_post:
      if (processes_->control_alive()) main_ended_during_start_post_ = true;
      if (!processes_->control_alive()) enter_stop(f);
      break;
    case ServiceState::reload:
      if (!processes_->control_alive()) enter_stop(f);
      break;
    case ServiceState::start:
      if (properties_->waits_for_ready()) {
        // Only READY=1 leads on; a main process gone before it never will be ready.
        enter_signal(ServiceState::stop_sigterm, f != ServiceResult::success ? f : ServiceResult::protocol);
      } else {
        enter_running(f);
      }
      break;
    case ServiceState::running:
      enter_running(f);
      break;
    case ServiceState::stop_watchdog:
    case ServiceState::stop_sigterm:
    case ServiceState::stop_sigkill:
      if (!processes_->control_alive()) enter_stop_post(f);
      break;
    case ServiceState::stop_post:
      if (!processes_->control_alive()) enter_signal(ServiceState::final_sigterm, f);
      break;
    case ServiceState::final_watchdog:
    case ServiceState::final_sigterm:
    case ServiceState::final_sigkill:
      if (!processes_->control_alive()) enter_dead(f, true);
      break;
    default:
      break;  // ExecStop= still running (stop), or nothing to do
  }
}

void ServiceUnit::on_control_exit(const ProcessExit& exit) {
  const Dispatch dispatch(*this);
  const ServiceResult f = result_of_exit(exit, ExitJudged::command, properties_->success_exit_status);
  if (state_ != ServiceState::reload) record_result(f);
  switch (state_) {
    case ServiceState::start_pre:
      if (f == ServiceResult::success) {
        enter_start();
      } else {
        enter_signal(ServiceState::stop_sigterm, f);
      }
      break;
    case ServiceState::start_post:
      if (f == ServiceResult::success) {
        enter_running(ServiceResult::success);
      } else {
        enter_signal(ServiceState::stop_sigterm, f);
      }
      break;
    case ServiceState::stop:
      enter_signal(ServiceState::stop_sigterm, f);
      break;
    case ServiceState::stop_watchdog:
    case ServiceState::stop_sigterm:
    case ServiceState::stop_sigkill:
      if (!processes_->main_alive()) enter_stop_post(f);
      break;
    case ServiceState::stop_post:
      if (!processes_->main_alive()) enter_signal(ServiceState::final_sigterm, f);
      break;
    case ServiceState::final_watchdog:
    case ServiceState::final_sigterm:
    case ServiceState::final_sigkill:
      if (!processes_->main_alive()) enter_dead(f, true);
      break;
    default:
      break;
  }
}

void ServiceUnit::on_notify(Notification message) {
  const Dispatch dispatch(*this);
  if (properties_->notify_access == NotifyAccess::none) return;
  if (message == Notification::stopping) {
    notify_state_ = NotifyState::stopping;
    if (state_ == ServiceState::start_post) main_ended_during_start_post_ = true;  // it is on its way out
    if (state_ == ServiceState::running || state_ == ServiceState::reload) enter_stop_by_notify();
    return;
  }
  notify_state_ = NotifyState::ready;
  if (properties_->waits_for_ready() && state_ == ServiceState::start) enter_start_post();
}

// ---- the timer ---------------------------------------------------------------------------

void ServiceUnit::on_event(EventTag tag) {
  if (tag.generation != timer_generation_) return;  // re-armed or disarmed since
  const Dispatch dispatch(*this);
  switch (state_) {
    case ServiceState::condition:
    case ServiceState::start_pre:
    case ServiceState::start:
    case ServiceState::start_post:
      // service_dispatch_timer() (v252 service.c), TimeoutStartFailureMode=terminate: "Start
      // operation timed out. Terminating." KillSignal= goes to nspawn (KillMode=mixed: the main
      // process only), which forwards its --kill-signal to the booting init; the unit waits in
      // stop-sigterm (TimeoutStopSec=) while the init shuts down what it has booted, on the CPU it
      // shares with everything else, then fails with Result=timeout and, with Restart=on-failure,
      // waits RestartSec= in auto-restart (service_enter_dead()). Measured for 40 containers
      // timing out at once: 0.5-2.5 s in stop-sigterm, the next start-pre 0.1-0.6 s after failed
      // (bench/README.md, "The #65001 shape, for real").
      if (observer_ != nullptr) observer_->on_start_timeout(*this);
      enter_signal(ServiceState::stop_sigterm, ServiceResult::timeout);
      break;
    case ServiceState::running:
      enter_stop(ServiceResult::timeout);
      break;
    case ServiceState::stop:
      enter_signal(ServiceState::stop_sigterm, ServiceResult::timeout);
      break;
    case ServiceState::stop_watchdog:
    case ServiceState::stop_sigterm:
      if (properties_->send_sigkill) {
        enter_signal(ServiceState::stop_sigkill, ServiceResult::timeout);
      } else {
        enter_stop_post(ServiceResult::timeout);
      }
      break;
    case ServiceState::stop_sigkill:
      enter_stop_post(ServiceResult::timeout);  // "Processes still around after SIGKILL. Ignoring."
      break;
    case ServiceState::stop_post:
      enter_signal(ServiceState::final_sigterm, ServiceResult::timeout);
      break;
    case ServiceState::final_watchdog:
    case ServiceState::final_sigterm:
      if (properties_->send_sigkill) {
        enter_signal(ServiceState::final_sigkill, ServiceResult::timeout);
      } else {
        enter_dead(ServiceResult::timeout, false);
      }
      break;
    case ServiceState::final_sigkill:
      enter_dead(ServiceResult::timeout, true);
      break;
    case ServiceState::auto_restart:
      enter_restart();
      break;
    default:
      break;
  }
}

// ---- bookkeeping -------------------------------------------------------------------------

void ServiceUnit::record_result(ServiceResult f) {
  if (result_ == ServiceResult::success) result_ = f;  // the first failure sticks
}

void ServiceUnit::set_state(ServiceState next) {
  const ServiceState previous = state_;
  state_ = next;
  if (!keeps_timer(next)) disarm_timer();
  const ActiveState was = active_state_of(previous);
  const ActiveState is = active_state_of(next);
  if (is_inactive_or_failed(was) && !is_inactive_or_failed(is)) inactive_exit_ = engine_->now();
  if (!is_active_or_reloading(was) && is_active_or_reloading(is)) active_enter_ = engine_->now();
  if (observer_ != nullptr && previous != next) observer_->on_state_change(*this, previous, next);
}

void ServiceUnit::arm_timer(Duration span) {
  timer_generation_ = engine_->fresh_generation();
  engine_->schedule_after(span, *this, EventTag{0, timer_generation_});
}

void ServiceUnit::disarm_timer() { timer_generation_ = engine_->fresh_generation(); }

void ServiceUnit::publish() {
  if (state_ == published_state_ && n_restarts_ == published_n_restarts_) return;
  published_state_ = state_;
  published_n_restarts_ = n_restarts_;
  if (observer_ != nullptr) observer_->on_published(*this);
}

}  // namespace ctrlab::sim
