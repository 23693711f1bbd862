#pragma once

#include <sys/types.h>

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

// The container's own user namespace or the sandbox's, and its uid_map in the sandbox's ids
// (`init`: the container init's host pid); nullopt when the container is gone.
[[nodiscard]] std::optional<oracle::ObservedUsers> container_users(const Sandbox& sandbox, pid_t init);

}  // namespace ctrlab::runner::observe
