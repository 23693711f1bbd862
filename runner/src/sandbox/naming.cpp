#include "sandbox/naming.hpp"

#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "system/files.hpp"

namespace ctrlab::runner::sandbox_naming {

bool is_sandbox_name(std::string_view name) { return name.starts_with(machine_prefix); }

std::string new_machine_name() {
  static std::atomic<unsigned> counter{0};
  return std::string(machine_prefix) + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

std::filesystem::path sandboxes_dir() { return std::filesystem::temp_directory_path() / "ctrlab-sandboxes"; }

std::filesystem::path work_dir(std::string_view machine) { return sandboxes_dir() / machine; }

std::filesystem::path marker_path(std::string_view machine) {
  return sandboxes_dir() / (std::string(machine) + ".owner");
}

std::filesystem::path propagate_dir(std::string_view machine) {
  return std::filesystem::path("/run/systemd/nspawn/propagate") / machine;
}

void write_marker(const OwnerMarker& marker) {
  sys::create_directories(sandboxes_dir(), 0700);
  const nlohmann::json json = {{"machine", marker.machine},
                               {"ownerPid", marker.owner.pid},
                               {"ownerStartTime", marker.owner.start_time}};
  sys::write_file_atomically(marker_path(marker.machine), json.dump() + "\n", 0600);
}

std::optional<OwnerMarker> read_marker(std::string_view machine) {
  const auto text = sys::read_file_if_exists(marker_path(machine));
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  OwnerMarker marker;
  marker.machine = json.value("machine", "");
  marker.owner.pid = json.value("ownerPid", 0);
  marker.owner.start_time = json.value("ownerStartTime", 0ULL);
  return marker;
}

void remove_marker(std::string_view machine) { std::filesystem::remove(marker_path(machine)); }

}  // namespace ctrlab::runner::sandbox_naming
