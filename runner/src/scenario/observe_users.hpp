#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/observation.hpp"

namespace ctrlab::runner {
class Sandbox;
}

// The user namespace a container's init runs in, as the sandbox (the host of its nspawn) sees it.
namespace ctrlab::runner::observe {

// The container's own namespace or the sandbox's, and its uid_map in the sandbox's ids; nullopt
// when nspawn (a pid of the sandbox) runs no container any more.
[[nodiscard]] std::optional<oracle::ObservedUsers> container_users(const Sandbox& sandbox, std::uint32_t nspawn_pid_in_sandbox);

}  // namespace ctrlab::runner::observe
