#pragma once

#include <optional>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// The start script's file commands — `mkdir -p [-m MODE] DIR...`, `touch FILE...`,
// `cp --remove-destination SRC DST` — done with the system calls coreutils makes for them,
// without a process each (a fork and exec costs more than the whole command under load).
namespace ctrlab::probe {

// The command's outcome as coreutils reports it (exit 1 and its message on failure), or
// nullopt when `argv` is not one of these forms: the caller then execs it.
[[nodiscard]] std::optional<oracle::CommandOutcome> run_file_command(const oracle::Argv& argv);

}  // namespace ctrlab::probe
