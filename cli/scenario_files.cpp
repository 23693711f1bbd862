#include "scenario_files.hpp"

#include <algorithm>

#include "files.hpp"

namespace ctrlab::cli {
namespace {

std::string name_below(const std::filesystem::path& file, const std::filesystem::path& directory) {
  auto relative = file.lexically_relative(directory);
  relative.replace_extension();
  return relative.generic_string();
}

std::vector<ScenarioFile> scenarios_in(const std::filesystem::path& directory) {
  std::vector<ScenarioFile> found;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() != ".json") continue;
    // A *.json entry whose target cannot be reached (a symbolic link loop, a dangling link)
    // is an error of the input, named, never skipped in silence.
    std::error_code status_error;
    const bool regular = it->is_regular_file(status_error);
    if (status_error) throw FileError("cannot read " + it->path().string() + ": " + status_error.message());
    if (regular) found.push_back({it->path(), name_below(it->path(), directory)});
  }
  if (error) throw FileError("cannot read " + directory.string() + ": " + error.message());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

}  // namespace

std::vector<ScenarioFile> find_scenario_files(const std::vector<std::string>& arguments) {
  std::vector<ScenarioFile> files;
  for (const auto& argument : arguments) {
    const std::filesystem::path path(argument);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      auto found = scenarios_in(path);
      if (found.empty()) throw FileError(argument + ": a directory without *.json scenario files");
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, error)) {
      files.push_back({path, path.stem().string()});
    } else {
      throw FileError("cannot read " + argument + ": " +
                      (error ? error.message() : std::string("No such file or directory")));
    }
  }
  return files;
}

}  // namespace ctrlab::cli
