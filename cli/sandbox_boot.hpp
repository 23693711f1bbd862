#pragma once

#include <memory>
#include <ostream>

#include "ctrlab/runner/sandbox.hpp"

namespace ctrlab::cli {

// Boots the sandbox host with ctrlab's tools in it, telling `out` what it removed of killed
// runs, how long the boot took and which limits it could not apply. Throws runner::RunnerError.
[[nodiscard]] std::unique_ptr<runner::Sandbox> boot_sandbox(std::ostream& out);

}  // namespace ctrlab::cli
