#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ctrlab::cli {

// A scenario file and the name it goes by in reports and snapshots: its path below the
// directory it was found in, without ".json" (e.g. "nixos-tests/bridge"), or its stem when
// given directly.
struct ScenarioFile {
  std::filesystem::path path;
  std::string name;
};

// The scenario files the arguments name: files as given, directories searched recursively
// for *.json, each directory's files in name order. Throws FileError for a path that does
// not exist or a directory without scenarios.
[[nodiscard]] std::vector<ScenarioFile> find_scenario_files(const std::vector<std::string>& arguments);

}  // namespace ctrlab::cli
