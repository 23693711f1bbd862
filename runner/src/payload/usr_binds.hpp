#pragma once

#include <filesystem>
#include <vector>

namespace ctrlab::runner {
class Sandbox;
}

// The sandbox's /usr bound into container roots (the systemd payload), in the sandbox's own
// mount namespace: systemd-nspawn binds a container's root with everything mounted below it, so
// the container boots from it. Read-only: the sandbox's /usr is, and a bind keeps that.
namespace ctrlab::runner::usr_binds {

// Binds the sandbox's /usr (with its submounts: the sandbox's generators and presets) at every
// target; `bound` gets each as it is made, for unbind() to undo even after a failure.
void bind(const Sandbox& sandbox, const std::vector<std::filesystem::path>& targets,
          std::vector<std::filesystem::path>& bound);
// Unmounts what bind() made; the containers must be gone.
void unbind(const Sandbox& sandbox, std::vector<std::filesystem::path>& bound);

}  // namespace ctrlab::runner::usr_binds
