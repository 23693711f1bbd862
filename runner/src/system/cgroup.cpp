#include "system/cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "system/files.hpp"
#include "system/syscall.hpp"
#include "system/unique_fd.hpp"

namespace ctrlab::runner::sys {
namespace {

const std::filesystem::path cgroup_mount = "/sys/fs/cgroup";

bool is_cgroup2(const std::filesystem::path& root) { return std::filesystem::exists(root / "cgroup.controllers"); }

// Every cgroup directory of a subtree, deepest first, so they can be removed in order.
std::vector<std::filesystem::path> subtree_deepest_first(const std::filesystem::path& top) {
  std::vector<std::filesystem::path> directories{top};
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(top, error), end; !error && it != end; it.increment(error)) {
    if (it->is_directory(error)) directories.push_back(it->path());
  }
  std::sort(directories.begin(), directories.end(), [](const auto& a, const auto& b) {
    return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
  });
  return directories;
}

std::vector<pid_t> pids_in_subtree(const std::filesystem::path& top) {
  std::vector<pid_t> pids;
  for (const auto& directory : subtree_deepest_first(top)) {
    std::istringstream procs(read_file_if_exists(directory / "cgroup.procs").value_or(""));
    for (pid_t pid = 0; procs >> pid;) pids.push_back(pid);
  }
  return pids;
}

// The v1 controllers whose limits the sandbox gets (ResourceLimits).
const std::vector<std::string> limiting_controllers = {"memory", "pids", "devices"};

bool is_v1_hierarchy(const std::filesystem::path& root) {
  return !is_cgroup2(root) && std::filesystem::exists(root / "cgroup.procs");
}

bool write_if_present(const std::filesystem::path& file, std::string_view text) {
  if (!std::filesystem::exists(file)) return false;
  write_existing_file(file, text);
  return true;
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// A cgroup2 controller is usable in a child of the root only if the root delegates it.
bool root_delegates(const std::filesystem::path& cgroup, const std::string& controller) {
  const auto delegated = words(read_file_if_exists(cgroup.parent_path() / "cgroup.subtree_control").value_or(""));
  return std::find(delegated.begin(), delegated.end(), controller) != delegated.end();
}

}  // namespace

std::vector<std::filesystem::path> CgroupSet::hierarchy_roots() {
  if (is_cgroup2(cgroup_mount)) return {cgroup_mount};
  std::vector<std::filesystem::path> roots;
  if (is_cgroup2(cgroup_mount / "unified")) roots.push_back(cgroup_mount / "unified");
  if (std::filesystem::exists(cgroup_mount / "systemd" / "cgroup.procs")) roots.push_back(cgroup_mount / "systemd");
  for (const auto& controller : limiting_controllers) {
    if (is_v1_hierarchy(cgroup_mount / controller)) roots.push_back(cgroup_mount / controller);
  }
  return roots;
}

std::vector<std::string> CgroupSet::limit(const ResourceLimits& limits) const {
  bool memory = limits.memory_bytes == 0;
  bool processes = limits.processes == 0;
  bool devices = limits.allowed_devices.empty();
  for (const auto& path : paths_) {
    if (limits.memory_bytes != 0) {
      const auto bytes = std::to_string(limits.memory_bytes);
      if (is_cgroup2(path.parent_path())) {
        if (root_delegates(path, "memory")) memory |= write_if_present(path / "memory.max", bytes);
      } else {
        memory |= write_if_present(path / "memory.limit_in_bytes", bytes);
      }
    }
    if (limits.processes != 0) {
      const auto count = std::to_string(limits.processes);
      if (!is_cgroup2(path.parent_path()) || root_delegates(path, "pids")) {
        processes |= write_if_present(path / "pids.max", count);
      }
    }
    if (!limits.allowed_devices.empty() && std::filesystem::exists(path / "devices.deny")) {
      write_existing_file(path / "devices.deny", "a");
      for (const auto& device : limits.allowed_devices) write_existing_file(path / "devices.allow", device + " rwm");
      devices = true;
    }
  }
  std::vector<std::string> missing;
  if (!memory) missing.push_back("memory: no memory controller to bound it");
  if (!processes) missing.push_back("processes: no pids controller to bound them");
  if (!devices) missing.push_back("devices: no devices controller (v1) to close block devices");
  return missing;
}

CgroupSet CgroupSet::create(std::string_view name) {
  CgroupSet set;
  const auto roots = hierarchy_roots();
  if (roots.empty()) throw RunnerError("create cgroup " + std::string(name), "no cgroup hierarchy under /sys/fs/cgroup");
  for (const auto& root : roots) {
    const auto path = root / name;
    if (::mkdir(path.c_str(), 0755) < 0 && errno != EEXIST) throw_errno("create cgroup " + path.string());
    set.paths_.push_back(path);
  }
  return set;
}

CgroupSet CgroupSet::existing(std::string_view name) {
  CgroupSet set;
  for (const auto& root : hierarchy_roots()) {
    if (std::filesystem::is_directory(root / name)) set.paths_.push_back(root / name);
  }
  return set;
}

std::vector<std::string> CgroupSet::procs_files() const {
  std::vector<std::string> files;
  for (const auto& path : paths_) files.push_back((path / "cgroup.procs").string());
  return files;
}

bool CgroupSet::populated() const {
  for (const auto& path : paths_) {
    if (is_cgroup2(path.parent_path())) {
      if (read_file_if_exists(path / "cgroup.events").value_or("").find("populated 1") != std::string::npos) return true;
    } else if (!pids_in_subtree(path).empty()) {
      return true;
    }
  }
  return false;
}

std::optional<std::filesystem::path> CgroupSet::kill_file() const {
  for (const auto& path : paths_) {
    if (std::filesystem::exists(path / "cgroup.kill")) return path / "cgroup.kill";
  }
  return std::nullopt;
}

void CgroupSet::kill_all() const {
  for (const auto& path : paths_) {
    if (std::filesystem::exists(path / "cgroup.kill")) {
      write_existing_file(path / "cgroup.kill", "1");
      continue;
    }
    for (const pid_t pid : pids_in_subtree(path)) ::kill(pid, SIGKILL);
  }
}

void CgroupSet::kill_and_wait(Clock::time_point deadline) const {
  const std::string operation = "kill the processes of cgroup " + (paths_.empty() ? "" : paths_.front().filename().string());
  while (populated()) {
    kill_all();
    // cgroup.events of cgroup2 signals POLLPRI when "populated" changes; v1 has no such
    // notification, so a short timeout makes the loop look again.
    std::vector<UniqueFd> owners;
    std::vector<pollfd> fds;
    for (const auto& path : paths_) {
      UniqueFd fd(::open((path / "cgroup.events").c_str(), O_RDONLY | O_CLOEXEC));
      if (fd.valid()) fds.push_back(pollfd{fd.get(), POLLPRI, 0});
      owners.push_back(std::move(fd));
    }
    if (!populated()) break;
    const auto step = std::min(deadline, Clock::now() + std::chrono::milliseconds(20));
    if (wait_for(fds, step, operation, OnInterrupt::keep_waiting) == WaitOutcome::deadline && Clock::now() >= deadline) {
      throw RunnerError(operation, "processes still running after SIGKILL");
    }
  }
}

void CgroupSet::remove() const {
  for (const auto& path : paths_) {
    for (const auto& directory : subtree_deepest_first(path)) {
      if (::rmdir(directory.c_str()) < 0 && errno != ENOENT) throw_errno("remove cgroup " + directory.string());
    }
  }
}

}  // namespace ctrlab::runner::sys
