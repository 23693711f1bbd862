#include "ctrlab/sim/service_types.hpp"

#include <array>
#include <utility>

namespace ctrlab::sim {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<ServiceType, 7> service_type_names = {{
    {ServiceType::simple, "simple"},
    {ServiceType::exec, "exec"},
    {ServiceType::forking, "forking"},
    {ServiceType::oneshot, "oneshot"},
    {ServiceType::dbus, "dbus"},
    {ServiceType::notify, "notify"},
    {ServiceType::idle, "idle"},
}};

constexpr NameTable<RestartPolicy, 7> restart_policy_names = {{
    {RestartPolicy::no, "no"},
    {RestartPolicy::on_success, "on-success"},
    {RestartPolicy::on_failure, "on-failure"},
    {RestartPolicy::on_abnormal, "on-abnormal"},
    {RestartPolicy::on_watchdog, "on-watchdog"},
    {RestartPolicy::on_abort, "on-abort"},
    {RestartPolicy::always, "always"},
}};

constexpr NameTable<ServiceResult, 11> service_result_names = {{
    {ServiceResult::success, "success"},
    {ServiceResult::resources, "resources"},
    {ServiceResult::protocol, "protocol"},
    {ServiceResult::timeout, "timeout"},
    {ServiceResult::exit_code, "exit-code"},
    {ServiceResult::signal, "signal"},
    {ServiceResult::core_dump, "core-dump"},
    {ServiceResult::watchdog, "watchdog"},
    {ServiceResult::start_limit_hit, "start-limit-hit"},
    {ServiceResult::oom_kill, "oom-kill"},
    {ServiceResult::exec_condition, "exec-condition"},
}};

constexpr NameTable<KillMode, 4> kill_mode_names = {{
    {KillMode::control_group, "control-group"},
    {KillMode::mixed, "mixed"},
    {KillMode::process, "process"},
    {KillMode::none, "none"},
}};

constexpr NameTable<NotifyAccess, 4> notify_access_names = {{
    {NotifyAccess::none, "none"},
    {NotifyAccess::main, "main"},
    {NotifyAccess::exec, "exec"},
    {NotifyAccess::all, "all"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [entry, name] : table) {
    if (name == text) return entry;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ServiceType type) { return name_of(service_type_names, type); }
std::string_view to_string(RestartPolicy policy) { return name_of(restart_policy_names, policy); }
std::string_view to_string(ServiceResult result) { return name_of(service_result_names, result); }
std::string_view to_string(KillMode mode) { return name_of(kill_mode_names, mode); }
std::string_view to_string(NotifyAccess access) { return name_of(notify_access_names, access); }

std::optional<ServiceType> parse_service_type(std::string_view text) { return value_of(service_type_names, text); }
std::optional<RestartPolicy> parse_restart_policy(std::string_view text) {
  return value_of(restart_policy_names, text);
}
std::optional<ServiceResult> parse_service_result(std::string_view text) {
  return value_of(service_result_names, text);
}
std::optional<KillMode> parse_kill_mode(std::string_view text) { return value_of(kill_mode_names, text); }
std::optional<NotifyAccess> parse_notify_access(std::string_view text) {
  return value_of(notify_access_names, text);
}

}  // namespace ctrlab::sim
