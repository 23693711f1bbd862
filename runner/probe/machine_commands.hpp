#pragma once

#include <optional>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// `machinectl terminate NAME...` done with machinectl's own D-Bus call to systemd-machined
// (Manager.TerminateMachine), without starting machinectl: it cost more than the rest of a
// container's preStart together.
namespace ctrlab::probe {

// The outcome machinectl would have (exit 1 and its message when a machine cannot be
// terminated), or nullopt when `argv` is not that form.
[[nodiscard]] std::optional<oracle::CommandOutcome> run_machine_command(const oracle::Argv& argv);

}  // namespace ctrlab::probe
