#include "ctrlab/sim/service_state.hpp"

#include <array>

namespace ctrlab::sim {
namespace {

struct StateRow {
  ServiceState state;
  std::string_view name;
  ActiveState active;
};

constexpr std::array<StateRow, 19> state_table = {{
    {ServiceState::dead, "dead", ActiveState::inactive},
    {ServiceState::condition, "condition", ActiveState::activating},
    {ServiceState::start_pre, "start-pre", ActiveState::activating},
    {ServiceState::start, "start", ActiveState::activating},
    {ServiceState::start_post, "start-post", ActiveState::activating},
    {ServiceState::running, "running", ActiveState::active},
    {ServiceState::exited, "exited", ActiveState::active},
    {ServiceState::reload, "reload", ActiveState::reloading},
    {ServiceState::stop, "stop", ActiveState::deactivating},
    {ServiceState::stop_watchdog, "stop-watchdog", ActiveState::deactivating},
    {ServiceState::stop_sigterm, "stop-sigterm", ActiveState::deactivating},
    {ServiceState::stop_sigkill, "stop-sigkill", ActiveState::deactivating},
    {ServiceState::stop_post, "stop-post", ActiveState::deactivating},
    {ServiceState::final_watchdog, "final-watchdog", ActiveState::deactivating},
    {ServiceState::final_sigterm, "final-sigterm", ActiveState::deactivating},
    {ServiceState::final_sigkill, "final-sigkill", ActiveState::deactivating},
    {ServiceState::failed, "failed", ActiveState::failed},
    {ServiceState::auto_restart, "auto-restart", ActiveState::activating},
    {ServiceState::cleaning, "cleaning", ActiveState::maintenance},
}};

const StateRow& row_of(ServiceState state) { return state_table[static_cast<std::size_t>(state)]; }

}  // namespace

std::string_view to_string(ServiceState state) { return row_of(state).name; }

ActiveState active_state_of(ServiceState state) { return row_of(state).active; }

std::string_view to_string(ActiveState state) {
  switch (state) {
    case ActiveState::active: return "active";
    case ActiveState::reloading: return "reloading";
    case ActiveState::inactive: return "inactive";
    case ActiveState::failed: return "failed";
    case ActiveState::activating: return "activating";
    case ActiveState::deactivating: return "deactivating";
    case ActiveState::maintenance: return "maintenance";
  }
  return "inactive";
}

}  // namespace ctrlab::sim
