#pragma once

#include "../command.hpp"

// One function per subcommand, each defined in its own file in this folder.
namespace ctrlab::cli {

Command predict_command();
Command compare_command();
Command snapshot_command();
Command check_command();
Command run_command();
Command report_command();
Command sim_command();
Command bench_command();
Command calibrate_command();

}  // namespace ctrlab::cli
