#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ctrlab::cli {

// One subcommand of `ctrlab`. `help` is the whole text `ctrlab NAME --help` prints.
struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view help;
  int (*run)(const std::vector<std::string>& args);
};

// Every command, in the order `ctrlab --help` lists them. Defined in commands.cpp.
const std::vector<Command>& all_commands();

}  // namespace ctrlab::cli
