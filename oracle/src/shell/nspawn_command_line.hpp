#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// What the rendering needs of an nspawn argv (read as nspawn_arguments.hpp says): whether
// nspawn refuses it, where the command starts, and the --setenv assignments the container's
// init receives.
namespace ctrlab::oracle::shell {

struct NspawnCommandLine {
  std::optional<std::string> problem;       // why nspawn would refuse the argv (unknown option, ...)
  std::optional<std::size_t> commandIndex;  // index in argv of the command, if any
  std::vector<std::pair<std::string, std::string>> setenv;  // NAME, VALUE in order

  // The value the container's init sees for NAME ("" when unset): the last --setenv wins.
  [[nodiscard]] std::string_view environment(std::string_view name) const;
};

[[nodiscard]] NspawnCommandLine read_nspawn_command_line(const Argv& argv);

}  // namespace ctrlab::oracle::shell
