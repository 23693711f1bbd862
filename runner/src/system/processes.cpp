#include "system/processes.hpp"

#include <charconv>
#include <string_view>

#include "system/files.hpp"

namespace ctrlab::runner::sys {
namespace {

// Field 22 of /proc/PID/stat; fields are counted after the parenthesised command name,
// which may itself contain spaces and parentheses.
std::optional<unsigned long long> start_time_from_stat(std::string_view stat) {
  const auto name_end = stat.rfind(')');
  if (name_end == std::string_view::npos) return std::nullopt;
  std::string_view rest = stat.substr(name_end + 2);  // starts at field 3
  for (int field = 3; field < 22; ++field) {
    const auto space = rest.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(space + 1);
  }
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (error != std::errc{}) return std::nullopt;
  return value;
}

}  // namespace

std::optional<ProcessIdentity> identify_process(pid_t pid, const std::filesystem::path& proc_root) {
  if (pid <= 0) return std::nullopt;
  const auto stat = read_file_if_exists(proc_root / std::to_string(pid) / "stat");
  if (!stat) return std::nullopt;
  const auto start_time = start_time_from_stat(*stat);
  if (!start_time) return std::nullopt;
  return ProcessIdentity{pid, *start_time};
}

bool is_alive(const ProcessIdentity& process) {
  const auto now = identify_process(process.pid);
  return now && *now == process;
}

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

std::optional<std::vector<std::string>> read_cmdline(pid_t pid, const std::filesystem::path& proc_root) {
  const auto text = read_file_if_exists(proc_root / std::to_string(pid) / "cmdline");
  if (!text) return std::nullopt;
  return split_nul_separated(*text);
}

}  // namespace ctrlab::runner::sys
