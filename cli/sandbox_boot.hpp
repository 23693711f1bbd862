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

// The same without a word: one of `side_by_side` sandbox hosts that share the machine's bounds
// (`ctrlab run --jobs N`; runner::SandboxLimits).
[[nodiscard]] std::unique_ptr<runner::Sandbox> boot_quiet_sandbox(std::size_t side_by_side);
// What boot_sandbox tells of a sandbox it booted.
void describe_boot(std::ostream& out, const runner::Sandbox& sandbox);

// How many containers of which payload a command boots at once, in how many sandbox hosts, for
// the inotify budget.
struct SandboxLoad {
  runner::Payload payload;
  std::size_t containers;
  std::size_t sandboxes = 1;
};

// What every command that boots the sandbox does around its work: refuses without root, or
// when `load` would not fit into root's inotify instances (runner/inotify_budget.hpp); then
// runs `work`, saying on stderr as "ctrlab COMMAND: ..." how it ended if it threw: interrupted
// (exit 4, everything removed) or a runner error (exit 3).
[[nodiscard]] int run_in_sandbox_host(std::string_view command, std::optional<SandboxLoad> load,
                                      const std::function<int()>& work);

}  // namespace ctrlab::cli
