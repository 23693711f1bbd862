#pragma once

#include "ctrlab/runner/sandbox.hpp"

// One sandbox for the whole test module (as one serves a whole suite in real runs): booted on
// first use, taken down when the module ends.
namespace ctrlab::runner::testing {

Sandbox& shared_sandbox();
// Its machine name, or "" while it is not booted.
std::string shared_sandbox_name();

}  // namespace ctrlab::runner::testing
