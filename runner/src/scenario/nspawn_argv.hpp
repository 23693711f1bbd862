#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/prediction.hpp"

// Reading a predicted systemd-nspawn argv the way nspawn's getopt does, for what the runner
// must prepare before it can be exec'd as it is.
namespace ctrlab::runner::nspawn_argv {

// Index of the command nspawn runs in the container (the first non-option argument), if any.
[[nodiscard]] std::optional<std::size_t> command_index(const oracle::Argv& argv);
// The value of an option given as `-X VALUE`, `--long VALUE` or `--long=VALUE` (the last one wins).
[[nodiscard]] std::optional<std::string> option_value(const oracle::Argv& argv, std::string_view short_name,
                                                      std::string_view long_name);
// The source of `--bind=SRC:DEST` for DEST, if bound.
[[nodiscard]] std::optional<std::string> bind_source(const oracle::Argv& argv, std::string_view destination);

}  // namespace ctrlab::runner::nspawn_argv
