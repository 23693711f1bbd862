#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// How systemd-nspawn (systemd 252) reads its argv: getopt_long with "+" (options end at the
// first non-option, which starts the command to run in the container), its option table
// (which options take a value), and the --setenv assignments the container's init receives.
namespace ctrlab::oracle::shell {

struct NspawnCommandLine {
  std::optional<std::string> problem;       // why nspawn would refuse the argv (unknown option, ...)
  std::optional<std::size_t> commandIndex;  // index in argv of the command, if any
  std::vector<std::pair<std::string, std::string>> setenv;  // NAME, VALUE in order
};

[[nodiscard]] NspawnCommandLine read_nspawn_command_line(const Argv& argv);

}  // namespace ctrlab::oracle::shell
