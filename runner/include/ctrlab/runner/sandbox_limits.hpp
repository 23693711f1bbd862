#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/expectation.hpp"

// What the sandbox host cannot run, and why: a limit of the boundary, not of the module.
namespace ctrlab::runner::sandbox_limits {

// Why no container of `expected` can run in the sandbox, if one cannot.
//
// A container whose own user namespace maps its ids to a range above 0 (nspawn's
// --private-users=pick or -U, or a base above 0). The sandbox itself runs in a user namespace,
// and systemd-nspawn 252 inside it cannot set such a container up. Measured with nspawn 252 in
// the sandbox (kernel 6.18):
// - pick implies --private-users-ownership=auto: nspawn idmaps the root directory, and
//   mount_setattr(MOUNT_ATTR_IDMAP) is refused (EPERM) on the sandbox's root, a tmpfs of the
//   machine's user namespace: "Failed to set up ID mapped mounts: Operation not permitted".
// - On a tmpfs the sandbox mounts itself the idmap works, but what nspawn then creates through
//   it is owned by uid 0x7ffffffe (UID_MAPPED_ROOT), which the sandbox's namespace would have
//   to map ("Failed to create directory at .../var: Value too large for defined data type");
//   a range that large (0x7fffffff ids from 0x80000000) collides with the 0x7ffffffe line of
//   the idmapped /usr bind of the sandbox's own nspawn ("Failed to write UID map: Invalid
//   argument").
// - Past both (a fixed base above 0, no idmap; or the sandbox's range widened, /usr bound
//   without idmap): nspawn creates the container's device nodes with mknod(), which needs
//   CAP_MKNOD in the machine's initial user namespace, and falls back to bind-mounting the
//   sandbox's nodes only for a uid shift of 0: "mknod(.../dev/null) failed: Operation not
//   permitted". Only a sandbox with the machine's root could give it that.
// A range starting at 0 (identity, 0:RANGE, yes on a root owned by root) runs: the device
// nodes are bind-mounted and nothing is idmapped.
[[nodiscard]] std::optional<std::string> why_it_cannot_run(const oracle::Expectation& expected);

}  // namespace ctrlab::runner::sandbox_limits
