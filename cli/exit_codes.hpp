#pragma once

// The exit codes every ctrlab command shares; scripts and CI rely on them.
namespace ctrlab::cli {

enum ExitCode : int {
  exit_ok = 0,           // everything as predicted
  exit_mismatch = 1,     // a verdict failed: observation differs from prediction
  exit_input_error = 2,  // bad usage, bad JSON, invalid scenario
  exit_environment = 3,  // the machine cannot do it: not root, sandbox did not boot, tool missing
  exit_interrupted = 4,  // stopped by SIGINT/SIGTERM; everything was cleaned up
  exit_internal = 70,    // a bug in ctrlab (EX_SOFTWARE)
};

}  // namespace ctrlab::cli
