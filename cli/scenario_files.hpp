#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ctrlab::cli {

// A scenario file and the name it goes by in reports and snapshots: its path below the
// scenario root, without ".json" (e.g. "nixos-tests/bridge").
struct ScenarioFile {
  std::filesystem::path path;
  std::string name;
};

// The scenario files the arguments name: files as given, directories searched recursively for
// *.json, in name order. The scenario root is `root` when given (every file must be below it);
// otherwise each directory argument is the root of what is found in it, and a file given alone
// is named by its file name. Paths are resolved first, so `scenarios`, `./scenarios/` and an
// absolute path give the same names; a file named twice is taken once. In name order. Throws
// FileError for a path that does not exist, a directory without scenarios or a file outside
// the root.
[[nodiscard]] std::vector<ScenarioFile> find_scenario_files(const std::vector<std::string>& arguments,
                                                            const std::optional<std::filesystem::path>& root = {});

// Where names are what a case is known by (reports, snapshots), two files with one name are a
// FileError naming both.
void refuse_duplicate_names(const std::vector<ScenarioFile>& files);

}  // namespace ctrlab::cli
