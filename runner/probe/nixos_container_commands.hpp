#pragma once

#include <optional>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// `nixos-container update NAME`, which 2025's start script runs on a flake container's first
// start to build its system into the container's profile. In the sandbox the profile holds
// ctrlab's probe as the system's init already (the runner put it there), so the update has
// nothing to build: it succeeds (a listed adaptation).
namespace ctrlab::probe {

// The outcome, or nullopt when `argv` is not that form.
[[nodiscard]] std::optional<oracle::CommandOutcome> run_nixos_container_command(const oracle::Argv& argv);

}  // namespace ctrlab::probe
