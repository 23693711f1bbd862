#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>

#include "ctrlab/runner/payload.hpp"
#include "ctrlab/runner/sandbox.hpp"

namespace ctrlab::cli {

// Boots the sandbox host with ctrlab's tools in it, telling `out` what it removed of killed
// runs, how long the boot took and which limits it could not apply. Throws runner::RunnerError.
[[nodiscard]] std::unique_ptr<runner::Sandbox> boot_sandbox(std::ostream& out);

// How many containers of which payload a command boots at once, for the inotify budget.
struct SandboxLoad {
  runner::Payload payload;
  std::size_t containers;
};

// What every command that boots the sandbox does around its work: refuses without root, or
// when `load` would not fit into root's inotify instances (runner/inotify_budget.hpp); then
// runs `work`, saying on stderr as "ctrlab COMMAND: ..." how it ended if it threw: interrupted
// (exit 4, everything removed) or a runner error (exit 3).
[[nodiscard]] int run_in_sandbox_host(std::string_view command, std::optional<SandboxLoad> load,
                                      const std::function<int()>& work);

}  // namespace ctrlab::cli
