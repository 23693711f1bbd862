#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/expectation.hpp"

// What the sandbox host cannot run, and why: a limit of the boundary, not of the module.
namespace ctrlab::runner::sandbox_limits {

// Why no container of `expected` can run in the sandbox, if one cannot.
//
// A container with a user namespace of its own (nspawn's --private-users with anything but
// "no", or -U): the sandbox itself runs in a user namespace, and systemd-nspawn 252 inside it
// cannot set a nested user-namespaced container up — it cannot create the container's device
// nodes (mknod /dev/null: EPERM, as an unprivileged user may not) and cannot idmap its root on a
// file system the sandbox did not mount itself (seen: "mknod(.../dev/null) failed: Operation
// not permitted"). Running such containers would take giving the sandbox the host's root.
[[nodiscard]] std::optional<std::string> why_it_cannot_run(const oracle::Expectation& expected);

}  // namespace ctrlab::runner::sandbox_limits
