#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "system/processes.hpp"

// Where a sandbox's artifacts live and how they are named; shared by the sandbox and the
// leftover reaper so that the two agree.
namespace ctrlab::runner::sandbox_naming {

inline constexpr std::string_view machine_prefix = "ctrlab-sandbox-";

[[nodiscard]] bool is_sandbox_name(std::string_view name);
// A fresh machine name for this process: ctrlab-sandbox-PID-N.
[[nodiscard]] std::string new_machine_name();

// TMPDIR/ctrlab-sandboxes: work directories and owner markers.
[[nodiscard]] std::filesystem::path sandboxes_dir();
[[nodiscard]] std::filesystem::path work_dir(std::string_view machine);
[[nodiscard]] std::filesystem::path marker_path(std::string_view machine);
// systemd-nspawn makes this on the host and cannot remove it when /run is not a tmpfs.
[[nodiscard]] std::filesystem::path propagate_dir(std::string_view machine);

// Who owns a sandbox: written before anything else of it exists, removed after all is gone.
struct OwnerMarker {
  std::string machine;
  sys::ProcessIdentity owner;
};

void write_marker(const OwnerMarker& marker);
[[nodiscard]] std::optional<OwnerMarker> read_marker(std::string_view machine);
void remove_marker(std::string_view machine);

}  // namespace ctrlab::runner::sandbox_naming
