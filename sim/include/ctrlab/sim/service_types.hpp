#pragma once

#include <optional>
#include <string_view>

// systemd's vocabulary for services (systemd.service(5), src/core/service.c string tables).
// Each enum converts to and from systemd's own spelling.
namespace ctrlab::sim {

enum class ServiceType { simple, exec, forking, oneshot, dbus, notify, idle };

enum class RestartPolicy { no, on_success, on_failure, on_abnormal, on_watchdog, on_abort, always };

// The unit's Result property. The first failure of a run sticks.
enum class ServiceResult {
  success,
  resources,
  protocol,
  timeout,
  exit_code,
  signal,
  core_dump,
  watchdog,
  start_limit_hit,
  oom_kill,
  exec_condition,
};

enum class KillMode { control_group, mixed, process, none };

enum class NotifyAccess { none, main, exec, all };

[[nodiscard]] std::string_view to_string(ServiceType type);
[[nodiscard]] std::string_view to_string(RestartPolicy policy);
[[nodiscard]] std::string_view to_string(ServiceResult result);
[[nodiscard]] std::string_view to_string(KillMode mode);
[[nodiscard]] std::string_view to_string(NotifyAccess access);

[[nodiscard]] std::optional<ServiceType> parse_service_type(std::string_view text);
[[nodiscard]] std::optional<RestartPolicy> parse_restart_policy(std::string_view text);
[[nodiscard]] std::optional<ServiceResult> parse_service_result(std::string_view text);
[[nodiscard]] std::optional<KillMode> parse_kill_mode(std::string_view text);
[[nodiscard]] std::optional<NotifyAccess> parse_notify_access(std::string_view text);

}  // namespace ctrlab::sim
