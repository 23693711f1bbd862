#include "nixos_container_commands.hpp"

namespace ctrlab::probe {

std::optional<oracle::CommandOutcome> run_nixos_container_command(const oracle::Argv& argv) {
  if (argv.size() != 3 || argv[0] != "nixos-container" || argv[1] != "update") return std::nullopt;
  return oracle::CommandOutcome{0, ""};
}

}  // namespace ctrlab::probe
