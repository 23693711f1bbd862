#include "ctrlab/oracle/behaviour.hpp"

#include <utility>

#include "effects/enum_names.hpp"

namespace ctrlab::oracle {
namespace {

constexpr std::pair<BootAction, std::string_view> action_names[] = {
    {BootAction::stay_up, "stay-up"},
    {BootAction::exit, "exit"},
    {BootAction::reboot, "reboot"},
    {BootAction::poweroff, "poweroff"},
    {BootAction::hang_before_ready, "hang-before-ready"},
    {BootAction::exit_before_ready, "exit-before-ready"},
    {BootAction::notify_from_child, "notify-from-child"},
};

}  // namespace

std::string_view to_string(BootAction action) { return enum_names::name_of(action_names, action); }
std::optional<BootAction> parse_boot_action(std::string_view name) { return enum_names::value_of(action_names, name); }

bool takes_exit_code(BootAction action) { return action == BootAction::exit || action == BootAction::exit_before_ready; }

}  // namespace ctrlab::oracle
