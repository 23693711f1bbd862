#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <optional>
#include <vector>

#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/observation.hpp"

namespace ctrlab::runner {
class Sandbox;
}

// The container's file system as it sees it, and what of its root the sandbox keeps.
namespace ctrlab::runner::observe {

// The mounts of a container, from its init's /proc/PID/mountinfo (`init`: the host's pid),
// mount points as the container sees them; nullopt when the container is gone.
[[nodiscard]] std::optional<std::vector<oracle::ObservedMount>> container_mounts(pid_t init);

// Records, for each container, whether its predicted root directory is still there once
// its unit stopped.
void roots_after_stop(const Sandbox& sandbox, const std::map<std::string, oracle::ContainerFilesystem>& predicted,
                      oracle::Observation& observation);

}  // namespace ctrlab::runner::observe
