#include <algorithm>

#include "aspect_diffs.hpp"

namespace ctrlab::oracle::judging {
namespace {

std::string describe(const PredictedMount& mount) {
  std::string text = std::string(to_string(mount.kind)) + (mount.read_only ? ", read-only" : ", read-write");
  if (!mount.source.empty()) text += ", from " + mount.source;
  return text;
}

std::string describe(const ObservedMount& mount) {
  return mount.fstype + (mount.read_only ? ", read-only" : ", read-write");
}

// The mount a process sees at a point is the last one made there.
const ObservedMount* topmost_at(const std::vector<ObservedMount>& mounts, const std::string& point) {
  const auto found = std::find_if(mounts.rbegin(), mounts.rend(), [&](const ObservedMount& each) { return each.mount_point == point; });
  return found == mounts.rend() ? nullptr : &*found;
}

std::string root_left_text(const std::string& root, bool exists) { return root + (exists ? " left on the host" : " removed"); }

}  // namespace

std::vector<Difference> diff_filesystem(const std::string& subject, const ContainerFilesystem& predicted,
                                        const FilesystemObservation& observed) {
  std::vector<Difference> differences;
  for (const auto& mount : observed.mounts ? predicted.mounts : std::vector<PredictedMount>{}) {
    const std::string field = "mounts[" + mount.mount_point + "]";
    const ObservedMount* seen = topmost_at(*observed.mounts, mount.mount_point);
    if (seen == nullptr) {
      differences.push_back({DiffKind::missing, subject, field, describe(mount), ""});
      continue;
    }
    // A bind mount shows the file system type of its source, so only tmpfs has a type to check.
    const bool type_differs = mount.kind == MountKind::tmpfs && seen->fstype != "tmpfs";
    if (type_differs || seen->read_only != mount.read_only) {
      differences.push_back({DiffKind::changed, subject, field, describe(mount), describe(*seen)});
    }
  }
  if (observed.root_exists_after_stop && *observed.root_exists_after_stop == predicted.root_removed_at_stop) {
    differences.push_back({DiffKind::changed, subject, "root after stop", root_left_text(predicted.root, !predicted.root_removed_at_stop),
                           root_left_text(predicted.root, *observed.root_exists_after_stop)});
  }
  return differences;
}

}  // namespace ctrlab::oracle::judging
