#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "ctrlab/reports/formats.hpp"

namespace ctrlab::reports {

SuiteReport merge_shards(const std::vector<SuiteReport>& shards) {
  SuiteReport merged;
  std::set<std::string> hostnames;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (scenario, revision) -> shard
  for (std::size_t index = 0; index < shards.size(); ++index) {
    const auto& shard = shards[index];
    if (merged.name.empty()) merged.name = shard.name;
    if (merged.timestamp.empty() || (!shard.timestamp.empty() && shard.timestamp < merged.timestamp)) {
      merged.timestamp = shard.timestamp;  // the suite started when its first shard did
    }
    if (!shard.hostname.empty()) hostnames.insert(shard.hostname);
    for (const auto& c : shard.cases) {
      const auto [it, inserted] = seen.emplace(std::pair{c.scenario, c.revision}, index);
      if (!inserted) {
        throw ReportError("shard " + std::to_string(index + 1) + " case " + c.scenario + " [" + c.revision + "]",
                          "each case in one shard only (it is also in shard " + std::to_string(it->second + 1) + ")");
      }
      merged.cases.push_back(c);
    }
  }
  for (const auto& host : hostnames) merged.hostname += (merged.hostname.empty() ? "" : ",") + host;
  std::stable_sort(merged.cases.begin(), merged.cases.end(), [](const CaseReport& a, const CaseReport& b) {
    return std::tie(a.scenario, a.revision) < std::tie(b.scenario, b.revision);
  });
  return merged;
}

}  // namespace ctrlab::reports
