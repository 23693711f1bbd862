#include "scenario/observe_users.hpp"

#include <sstream>

#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/uid_map.hpp"
#include "system/files.hpp"
#include "system/processes.hpp"


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
  const auto own = sys::namespace_of(init, "user");
  const auto sandboxs = sys::namespace_of(sandbox.leader_pid(), "user");
  if (own.empty() || sandboxs.empty()) return std::nullopt;
  oracle::ObservedUsers users;
  users.own_namespace = own != sandboxs;
  if (!users.own_namespace) return users;
  const auto host_view = sys::read_file_if_exists(sys::proc_of(init) / "uid_map");
  if (!host_view) return std::nullopt;
  users.uid_map = uid_map_in_the_sandboxs_ids(*host_view, Sandbox::user_namespace_first_uid, Sandbox::user_namespace_size);
  return users;
}

}  // namespace ctrlab::runner::observe
