#pragma once

#include "ctrlab/runner/scenario_runner.hpp"

namespace ctrlab::runner::testing {

// A scenario runner on the shared sandbox (shared_sandbox.hpp), as `ctrlab run` uses one.
ScenarioRunner& shared_runner();

}  // namespace ctrlab::runner::testing
