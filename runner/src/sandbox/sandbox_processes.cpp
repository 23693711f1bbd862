#include "sandbox/sandbox_processes.hpp"

#include <charconv>
#include <filesystem>
#include <sstream>

#include "ctrlab/runner/error.hpp"
#include "system/files.hpp"
#include "system/processes.hpp"

namespace ctrlab::runner::sandbox_processes {
namespace {

namespace fs = std::filesystem;

// The last field of "NSpid:" in /proc/PID/status: the pid in the process's own namespace.
std::optional<pid_t> innermost_pid(const std::string& status) {
  const auto line_start = status.find("NSpid:");
  if (line_start == std::string::npos) return std::nullopt;
  std::istringstream fields(status.substr(line_start + 6, status.find('\n', line_start) - line_start - 6));
  std::optional<pid_t> last;
  for (pid_t pid = 0; fields >> pid;) last = pid;
  return last;
}

}  // namespace

// The sandbox's own /proc is read through its root: what the sandbox mounted there is what
// its processes see, and nothing in it can lead the read onto the host.
std::optional<std::vector<std::string>> cmdline(const Sandbox& sandbox, pid_t pid_in_sandbox) {
  try {
    const auto text = sandbox.files().read_if_exists(fs::path("/proc") / std::to_string(pid_in_sandbox) / "cmdline");
    if (!text) return std::nullopt;
    return sys::split_nul_separated(*text);
  } catch (const RunnerError&) {
    return std::nullopt;
  }
}

std::optional<std::string> executable(const Sandbox& sandbox, pid_t pid_in_sandbox) {
  return sandbox.files().read_link(fs::path("/proc") / std::to_string(pid_in_sandbox) / "exe");
}

namespace {

// Calls `each(host pid, pid in the sandbox)` for each process of the sandbox's PID namespace.
template <class Each>
void for_each_sandbox_process(const Sandbox& sandbox, Each each) {
  const auto sandbox_pid_namespace = sys::namespace_of(sandbox.leader_pid(), "pid");
  if (sandbox_pid_namespace.empty()) return;
  std::error_code error;
  for (fs::directory_iterator it("/proc", error), end; !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    pid_t candidate = 0;
    if (std::from_chars(name.data(), name.data() + name.size(), candidate).ec != std::errc{}) continue;
    std::error_code ignored;
    if (fs::read_symlink(it->path() / "ns/pid", ignored) != sandbox_pid_namespace) continue;
    const auto status = sys::read_file_if_exists(it->path() / "status");
    if (!status) continue;
    if (const auto inside = innermost_pid(*status)) each(candidate, *inside);
  }
}

}  // namespace

HostPids::HostPids(const Sandbox& sandbox) {
  for_each_sandbox_process(sandbox, [&](pid_t host, pid_t inside) { host_by_sandbox_pid_.emplace(inside, host); });
}

std::optional<pid_t> HostPids::of(pid_t pid_in_sandbox) const {
  const auto found = host_by_sandbox_pid_.find(pid_in_sandbox);
  if (found == host_by_sandbox_pid_.end()) return std::nullopt;
  return found->second;
}

std::optional<pid_t> first_child(const HostPids& pids, pid_t pid_in_sandbox) {
  if (pid_in_sandbox == 0) return std::nullopt;
  const auto parent = pids.of(pid_in_sandbox);
  if (!parent) return std::nullopt;
  const auto pids_of_children = children(*parent);
  if (pids_of_children.empty()) return std::nullopt;
  return pids_of_children.front();
}

std::vector<pid_t> children(pid_t host_pid) {
  const auto text = sys::read_file_if_exists(fs::path("/proc") / std::to_string(host_pid) / "task" /
                                             std::to_string(host_pid) / "children");
  std::vector<pid_t> pids;
  std::istringstream fields(text.value_or(""));
  for (pid_t pid = 0; fields >> pid;) pids.push_back(pid);
  return pids;
}

}  // namespace ctrlab::runner::sandbox_processes
