#include "ctrlab/oracle/behaviour.hpp"

#include <array>
#include <utility>

namespace ctrlab::oracle {
namespace {

constexpr std::array<std::pair<BootAction, std::string_view>, 7> action_names = {{
    {BootAction::stay_up, "stay-up"},
    {BootAction::exit, "exit"},
    {BootAction::reboot, "reboot"},
    {BootAction::poweroff, "poweroff"},
    {BootAction::hang_before_ready, "hang-before-ready"},
    {BootAction::exit_before_ready, "exit-before-ready"},
    {BootAction::notify_from_child, "notify-from-child"},
}};

}  // namespace

std::string_view to_string(BootAction action) {
  for (const auto& [candidate, name] : action_names) {
    if (candidate == action) return name;
  }
  return "unknown";
}

std::optional<BootAction> parse_boot_action(std::string_view name) {
  for (const auto& [action, candidate] : action_names) {
    if (candidate == name) return action;
  }
  return std::nullopt;
}

bool takes_exit_code(BootAction action) { return action == BootAction::exit || action == BootAction::exit_before_ready; }

}  // namespace ctrlab::oracle
