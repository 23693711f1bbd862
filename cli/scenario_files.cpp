#include "scenario_files.hpp"

#include <algorithm>
#include <set>

#include "files.hpp"

namespace ctrlab::cli {
namespace {

std::filesystem::path resolved(const std::filesystem::path& path) {
  std::error_code error;
  auto full = std::filesystem::weakly_canonical(path, error);
  return error ? std::filesystem::absolute(path).lexically_normal() : full;
}

std::string name_below(const std::filesystem::path& file, const std::filesystem::path& root) {
  auto relative = file.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") {
    throw FileError(file.string() + " is not below the scenario root " + root.string());
  }
  relative.replace_extension();
  return relative.generic_string();
}

std::vector<std::filesystem::path> scenarios_in(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() != ".json") continue;
    // A *.json entry whose target cannot be reached (a symbolic link loop, a dangling link)
    // is an error of the input, named, never skipped in silence.
    std::error_code status_error;
    const bool regular = it->is_regular_file(status_error);
    if (status_error) throw FileError("cannot read " + it->path().string() + ": " + status_error.message());
    if (regular) found.push_back(it->path());
  }
  if (error) throw FileError("cannot read " + directory.string() + ": " + error.message());
  return found;
}

}  // namespace

std::vector<ScenarioFile> find_scenario_files(const std::vector<std::string>& arguments,
                                              const std::optional<std::filesystem::path>& root) {
  const auto given_root = root ? std::optional(resolved(*root)) : std::nullopt;
  std::vector<ScenarioFile> files;
  std::set<std::filesystem::path> seen;  // resolved paths: a file named twice is taken once
  const auto add = [&](const std::filesystem::path& file, const std::filesystem::path& its_root) {
    const auto path = resolved(file);
    if (seen.insert(path).second) files.push_back({file, name_below(path, given_root.value_or(its_root))});
  };
  for (const auto& argument : arguments) {
    const std::filesystem::path path(argument);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      const auto found = scenarios_in(path);
      if (found.empty()) throw FileError(argument + ": a directory without *.json scenario files");
      for (const auto& file : found) add(file, resolved(path));
    } else if (std::filesystem::exists(path, error)) {
      add(path, resolved(path).parent_path());
    } else {
      throw FileError("cannot read " + argument + ": " +
                      (error ? error.message() : std::string("No such file or directory")));
    }
  }
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

void refuse_duplicate_names(const std::vector<ScenarioFile>& files) {
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].name == files[i - 1].name) {
      throw FileError("two scenario files are named " + files[i].name + ": " + files[i - 1].path.string() + " and " +
                      files[i].path.string() + " (give --root DIR to name them by their path below DIR)");
    }
  }
}

}  // namespace ctrlab::cli
