#pragma once

#include <cstddef>
#include <string>

#include "ctrlab/runner/payload.hpp"

// Every systemd ctrlab boots (the sandbox host's, and each container's with the systemd payload)
// takes inotify instances, and the kernel counts them against the user that made the user
// namespace: root on this machine, whose limit (fs.inotify.max_user_instances, 128 by default)
// is shared with every other process of root. A systemd that finds none left exits at once
// (inotify_init1: EMFILE), so a run that would need more is refused before it boots.
namespace ctrlab::runner {

struct InotifyBudget {
  std::size_t limit = 0;   // fs.inotify.max_user_instances; 0 where unreadable (no check)
  std::size_t in_use = 0;  // instances open on this machine now (every process's fds)
};

// Read from /proc now.
[[nodiscard]] InotifyBudget inotify_budget();

// What a sandbox host with `containers` running `payload` at once takes, on Debian 12's
// systemd 252: an estimate, not a measurement. Counting inotify fds in /proc overstates it
// (forked and passed fds share an instance: 81 fds with 10 systemd containers), and the
// machine these figures were set on had its limit raised to 4096, where nothing runs out.
// They follow one observation under the default 128: a sandbox with about 30 systemd
// containers took what was left, and a second sandbox could not boot. A probe takes none.
inline constexpr std::size_t sandbox_inotify_instances = 8;
inline constexpr std::size_t systemd_container_inotify_instances = 4;
// `sandboxes` sandbox hosts side by side (`ctrlab run --jobs N`), each with `containers`.
[[nodiscard]] std::size_t inotify_instances_needed(Payload payload, std::size_t containers, std::size_t sandboxes = 1);

// "" when `sandboxes` with `containers` each fit into what is left; otherwise why not, how many
// would, and what to do.
[[nodiscard]] std::string inotify_shortfall(const InotifyBudget& budget, Payload payload, std::size_t containers,
                                            std::size_t sandboxes = 1);

// How many sandbox hosts with `containers` each fit into what is left now (0: not even one);
// SIZE_MAX where the limit is unreadable.
[[nodiscard]] std::size_t sandboxes_that_fit(const InotifyBudget& budget, Payload payload, std::size_t containers);

}  // namespace ctrlab::runner
