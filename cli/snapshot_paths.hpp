#pragma once

#include <filesystem>
#include <string>

#include "ctrlab/oracle/revision.hpp"

namespace ctrlab::cli {

// Where the snapshot of scenario `name` under `revision` lives: DIR/NAME.REVISION.json.
[[nodiscard]] inline std::filesystem::path snapshot_path(const std::filesystem::path& directory,
                                                         const std::string& name, oracle::Revision revision) {
  return directory / (name + "." + std::string(oracle::to_string(revision)) + ".json");
}

}  // namespace ctrlab::cli
