#include "system/processes.hpp"

namespace ctrlab::runner::sys {

std::vector<std::string> split_nul_separated(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto end = text.find('\0', begin);
    if (end == std::string::npos) {
      parts.push_back(text.substr(begin));
      break;
    }
    parts.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return parts;
}

std::filesystem::path proc_of(pid_t pid) { return std::filesystem::path("/proc") / std::to_string(pid); }

std::filesystem::path namespace_of(pid_t pid, std::string_view kind) {
  std::error_code gone;
  return std::filesystem::read_symlink(proc_of(pid) / "ns" / kind, gone);
}

}  // namespace ctrlab::runner::sys
