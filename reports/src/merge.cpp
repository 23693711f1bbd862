#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "ctrlab/reports/formats.hpp"

namespace ctrlab::reports {

SuiteReport merge_shards(const std::vector<SuiteReport>& shards) {
  SuiteReport merged;
  std::set<std::string> hostnames, versions;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (scenario, revision) -> shard
  for (std::size_t index = 0; index < shards.size(); ++index) {
    const auto& shard = shards[index];
    if (merged.name.empty()) merged.name = shard.name;
    if (merged.timestamp.empty() || (!shard.timestamp.empty() && shard.timestamp < merged.timestamp)) {
      merged.timestamp = shard.timestamp;  // the suite started when its first shard did
    }
    if (!shard.hostname.empty()) hostnames.insert(shard.hostname);
    if (!shard.ctrlab_version.empty()) versions.insert(shard.ctrlab_version);
    for (const auto& c : shard.cases) {
      const auto [it, inserted] = seen.emplace(std::pair{c.scenario, c.revision}, index);
      if (!inserted) {
        throw ReportError("shard " + std::to_string(index + 1) + " case " + c.label(),
                          "each case in one shard only (it is also in shard " + std::to_string(it->second + 1) + ")");
      }
      merged.cases.push_back(c);
    }
  }
  const auto join = [](const std::set<std::string>& items) {
    std::string joined;
    for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
    return joined;
  };
  merged.hostname = join(hostnames);
  merged.ctrlab_version = join(versions);
  std::stable_sort(merged.cases.begin(), merged.cases.end(), canonical_order);
  return merged;
}

}  // namespace ctrlab::reports
