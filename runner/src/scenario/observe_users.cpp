#include "scenario/observe_users.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/uid_map.hpp"
#include "sandbox/sandbox_processes.hpp"

namespace ctrlab::runner::observe {
namespace {

namespace fs = std::filesystem;

fs::path proc_of(pid_t pid) { return fs::path("/proc") / std::to_string(pid); }

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace
}  // namespace ctrlab::runner::observe

namespace ctrlab::runner {

std::vector<oracle::IdMapping> uid_map_in_the_sandboxs_ids(const std::string& host_view, std::uint64_t first,
                                                           std::uint64_t size) {
  std::vector<oracle::IdMapping> mappings;
  std::istringstream lines(host_view);
  for (std::string line; std::getline(lines, line);) {
    auto mapping = oracle::parse_id_mapping(line);
    if (!mapping) continue;
    // A nested namespace can map only ids of the sandbox's; anything else is shown as it is.
    if (mapping->outside >= first && mapping->outside - first < size) {
      mapping->outside = static_cast<std::uint32_t>(mapping->outside - first);
    }
    mappings.push_back(*mapping);
  }
  return mappings;
}

}  // namespace ctrlab::runner

namespace ctrlab::runner::observe {

std::optional<oracle::ObservedUsers> container_users(const Sandbox& sandbox, pid_t init) {
  std::error_code error;
  const auto own = fs::read_symlink(proc_of(init) / "ns/user", error);
  const auto sandboxs = fs::read_symlink(proc_of(sandbox.leader_pid()) / "ns/user", error);
  if (error || own.empty()) return std::nullopt;
  oracle::ObservedUsers users;
  users.own_namespace = own != sandboxs;
  if (!users.own_namespace) return users;
  const auto host_view = read_text(proc_of(init) / "uid_map");
  if (!host_view) return std::nullopt;
  users.uid_map = uid_map_in_the_sandboxs_ids(*host_view, Sandbox::user_namespace_first_uid, Sandbox::user_namespace_size);
  return users;
}

}  // namespace ctrlab::runner::observe
