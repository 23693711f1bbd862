#include "ctrlab/sim/restart_rules.hpp"

namespace ctrlab::sim {

bool is_clean_exit(const ProcessExit& exit, ExitJudged judged, const ExitStatusSet& success) {
  if (exit.code == ExitCode::exited) return exit.status == 0 || success.has_status(exit.status);
  if (exit.code == ExitCode::killed) {
    const Signal signal{exit.status};
    const bool told_to_go = signal == signals::hangup || signal == signals::interrupt ||
                            signal == signals::terminate || signal == signals::pipe;
    return (judged == ExitJudged::daemon && told_to_go) || success.has_signal(signal);
  }
  return false;  // a core dump is never clean
}

ServiceResult result_of_exit(const ProcessExit& exit, ExitJudged judged, const ExitStatusSet& success) {
  if (is_clean_exit(exit, judged, success)) return ServiceResult::success;
  switch (exit.code) {
    case ExitCode::exited: return ServiceResult::exit_code;
    case ExitCode::killed: return ServiceResult::signal;
    case ExitCode::dumped: return ServiceResult::core_dump;
  }
  return ServiceResult::exit_code;
}

ExitCause exit_cause(ServiceResult result) {
  switch (result) {
    case ServiceResult::success: return ExitCause::clean;
    case ServiceResult::exit_code: return ExitCause::unclean_exit_code;
    case ServiceResult::signal:
    case ServiceResult::core_dump: return ExitCause::unclean_signal;
    case ServiceResult::timeout: return ExitCause::timeout;
    case ServiceResult::watchdog: return ExitCause::watchdog;
    default: return ExitCause::other;
  }
}

bool restart_setting_restarts(RestartPolicy policy, ServiceResult result) {
  switch (policy) {
    case RestartPolicy::no: return false;
    case RestartPolicy::always: return result != ServiceResult::exec_condition;
    case RestartPolicy::on_success: return result == ServiceResult::success;
    case RestartPolicy::on_failure:
      return result != ServiceResult::success && result != ServiceResult::exec_condition;
    case RestartPolicy::on_abnormal:
      return result != ServiceResult::success && result != ServiceResult::exit_code &&
             result != ServiceResult::exec_condition;
    case RestartPolicy::on_watchdog: return result == ServiceResult::watchdog;
    case RestartPolicy::on_abort: return result == ServiceResult::signal || result == ServiceResult::core_dump;
  }
  return false;
}

RestartDecision shall_restart(const RestartQuestion& question) {
  if (question.manual_stop) return {false, "manual stop"};
  if (question.main_exit && question.prevent != nullptr && question.prevent->contains(*question.main_exit)) {
    return {false, "prevented by exit status"};
  }
  if (question.main_exit && question.force != nullptr && question.force->contains(*question.main_exit)) {
    return {true, "forced by exit status"};
  }
  return {restart_setting_restarts(question.policy, question.result), "restart setting"};
}

}  // namespace ctrlab::sim
