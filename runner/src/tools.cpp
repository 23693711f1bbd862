#include "ctrlab/runner/tools.hpp"

#include <cstdlib>
#include <vector>

#include "ctrlab/runner/error.hpp"

namespace ctrlab::runner::tools {
namespace {

std::filesystem::path built_path([[maybe_unused]] std::string_view program) {
#if defined(CTRLAB_BUILT_PROBE) && defined(CTRLAB_BUILT_COMMANDS_TOOL)
  if (program == probe_program) return CTRLAB_BUILT_PROBE;
  if (program == commands_program) return CTRLAB_BUILT_COMMANDS_TOOL;
#endif
  return {};
}

}  // namespace

std::filesystem::path locate(std::string_view program) {
  std::vector<std::filesystem::path> candidates;
  if (const char* directory = std::getenv("CTRLAB_TOOLS_DIR")) candidates.push_back(std::filesystem::path(directory) / program);
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(self.parent_path() / program);
  if (const auto built = built_path(program); !built.empty()) candidates.push_back(built);
  std::string looked;
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  throw RunnerError("find " + std::string(program), "not found in " + looked + " (build it, or set CTRLAB_TOOLS_DIR)");
}

}  // namespace ctrlab::runner::tools
