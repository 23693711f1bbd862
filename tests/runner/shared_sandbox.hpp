#pragma once

#include "ctrlab/runner/sandbox.hpp"

// One sandbox for the whole test module (as one serves a whole suite in real runs): booted on
// first use, taken down when the module ends.
namespace ctrlab::runner::testing {

Sandbox& shared_sandbox();

}  // namespace ctrlab::runner::testing
