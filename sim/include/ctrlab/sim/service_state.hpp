#pragma once

#include <cstdint>
#include <string_view>

namespace ctrlab::sim {

// A service's SubState, as systemd v252 names them (src/basic/unit-def.c service_state_table).
enum class ServiceState : std::uint8_t {
  dead,
  condition,
  start_pre,
  start,
  start_post,
  running,
  exited,
  reload,
  stop,
  stop_watchdog,
  stop_sigterm,
  stop_sigkill,
  stop_post,
  final_watchdog,
  final_sigterm,
  final_sigkill,
  failed,
  auto_restart,
  cleaning,
};

// A unit's ActiveState.
enum class ActiveState : std::uint8_t { active, reloading, inactive, failed, activating, deactivating, maintenance };

[[nodiscard]] std::string_view to_string(ServiceState state);
[[nodiscard]] std::string_view to_string(ActiveState state);

// systemd's state_translation_table (auto-restart counts as activating).
[[nodiscard]] ActiveState active_state_of(ServiceState state);

[[nodiscard]] constexpr bool is_inactive_or_failed(ActiveState state) {
  return state == ActiveState::inactive || state == ActiveState::failed;
}
[[nodiscard]] constexpr bool is_active_or_reloading(ActiveState state) {
  return state == ActiveState::active || state == ActiveState::reloading;
}

}  // namespace ctrlab::sim
