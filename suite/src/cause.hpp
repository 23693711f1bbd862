#pragma once

#include <string>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/verdict.hpp"
#include "ctrlab/runner/scenario_runner.hpp"

namespace ctrlab::suite {

// Why a case did not pass, in one line, and whether ctrlab's own side broke (the sandbox,
// the runner, the probe that is every container's init): then the case could not be judged
// and is an error, not a failure.
struct Cause {
  std::string text;  // empty when the run shows nothing beyond the verdict's differences
  bool harness_broke = false;
};

// Read from what the run observed, the first that applies: what kept the run from observing
// (its problems); the probe failing or crashing (its reports, the journal); then, for the
// first unit whose end differs from the prediction, what systemd and nspawn said: a start
// timeout, the start limit, nspawn refusing its argv, the init's exit status.
[[nodiscard]] Cause cause_of(const oracle::Expectation& expected, const runner::ScenarioRun& run);

}  // namespace ctrlab::suite
