#include "scenario/observe_filesystem.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "ctrlab/runner/mountinfo.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "system/files.hpp"
#include "system/processes.hpp"

namespace ctrlab::runner {
namespace {

// mountinfo escapes space, tab, newline and backslash in paths as \ooo.
std::string unescape_octal(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const bool escape = field[i] == '\\' && i + 3 < field.size() && std::isdigit(static_cast<unsigned char>(field[i + 1])) != 0;
    if (escape) {
      out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

bool has_option(const std::string& options, const std::string& wanted) {
  std::istringstream each(options);
  for (std::string option; std::getline(each, option, ',');) {
    if (option == wanted) return true;
  }
  return false;
}

// "36 35 98:0 /root /mnt rw,noatime master:1 - ext3 /dev/root rw": fields 5 and 6 are the
// mount point and the mount's own options; the type follows the " - " separator.
std::optional<oracle::ObservedMount> parse_mountinfo_line(const std::string& line) {
  std::istringstream fields(line);
  std::string id, parent, device, root, point, options;
  if (!(fields >> id >> parent >> device >> root >> point >> options)) return std::nullopt;
  for (std::string optional_field; fields >> optional_field && optional_field != "-";) {
  }
  std::string fstype;
  if (!(fields >> fstype)) return std::nullopt;
  return oracle::ObservedMount{unescape_octal(point), fstype, has_option(options, "ro")};
}

}  // namespace

std::vector<oracle::ObservedMount> parse_mountinfo(const std::string& text) {
  std::vector<oracle::ObservedMount> mounts;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (auto mount = parse_mountinfo_line(line)) mounts.push_back(*std::move(mount));
  }
  return mounts;
}

}  // namespace ctrlab::runner

namespace ctrlab::runner::observe {

std::optional<std::vector<oracle::ObservedMount>> container_mounts(pid_t init) {
  const auto text = sys::read_file_if_exists(sys::proc_of(init) / "mountinfo");
  if (!text) return std::nullopt;
  return parse_mountinfo(*text);
}

void roots_after_stop(const Sandbox& sandbox, const std::map<std::string, oracle::ContainerFilesystem>& predicted,
                      oracle::Observation& observation) {
  for (const auto& [name, filesystem] : predicted) {
    const bool exists = sandbox.files().exists(filesystem.root);
    auto& container = observation.containers[name];
    if (!container.filesystem) container.filesystem.emplace();
    container.filesystem->root_exists_after_stop = exists;
  }
}

}  // namespace ctrlab::runner::observe
