#include "command.hpp"
#include "commands/commands.hpp"

namespace ctrlab::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      predict_command(),
      compare_command(),
      snapshot_command(),
      check_command(),
      run_command(),
      report_command(),
      sim_command(),
      bench_command(),
      calibrate_command(),
  };
  return commands;
}

}  // namespace ctrlab::cli
