#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"

// What a container's file system looks like from inside while it runs, and what of its root
// is left on the host once its unit stopped: predicted from the rendered nspawn argv and unit
// (pure). Only what the module asks for is predicted — the mounts of --bind, --bind-ro and
// --tmpfs — not the API file systems nspawn always mounts (/proc, /sys, /dev, /run, /tmp).
namespace ctrlab::oracle {

class JsonWriter;

enum class MountKind { bind, tmpfs };
[[nodiscard]] std::string_view to_string(MountKind kind);

struct PredictedMount {
  std::string mount_point;  // inside the container, e.g. /data
  MountKind kind = MountKind::bind;
  bool read_only = false;
  std::string source;  // the host path of a bind mount; empty for tmpfs

  friend bool operator==(const PredictedMount&, const PredictedMount&) = default;
};

struct ContainerFilesystem {
  std::string root;  // the host directory nspawn runs the container on (-D)
  // systemd removes it when the unit stops: it is the unit's RuntimeDirectory= (ephemeral
  // containers since 2021 live in /run/containers/NAME).
  bool root_removed_at_stop = false;
  std::vector<PredictedMount> mounts;  // in argv order; a later mount on the same point wins

  friend bool operator==(const ContainerFilesystem&, const ContainerFilesystem&) = default;
};

// By container name; containers whose argv nspawn refuses, or that have no -D, are left out.
[[nodiscard]] std::map<std::string, ContainerFilesystem> predict_filesystems(const Prediction& prediction);
// The same from each container's nspawn argv as read once for the prediction.
[[nodiscard]] std::map<std::string, ContainerFilesystem> predict_filesystems(const Prediction& prediction,
                                                                             const NspawnArgumentsByContainer& arguments);

void to_json(nlohmann::json& json, const ContainerFilesystem& filesystem);
void write_json(JsonWriter& out, const ContainerFilesystem& filesystem);
// The readable form `ctrlab predict` prints, one block per container.
[[nodiscard]] std::string describe(const std::map<std::string, ContainerFilesystem>& filesystems);

}  // namespace ctrlab::oracle
