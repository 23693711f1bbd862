#include "scenario/scenario_size.hpp"

#include <string>

#include "ctrlab/oracle/parse.hpp"
#include "scenario/json_node.hpp"

namespace ctrlab::oracle::scenario {
namespace {

template <class T>
std::size_t size_of(const Defined<std::vector<T>>& list) {
  return list ? list->size() : 0;
}

// Counts network entries in document order and refuses the list that passes the limit.
class EntryCount {
 public:
  void add(std::size_t entries, const std::string& path) {
    total_ += entries;
    if (total_ <= InputLimits::max_network_entries) return;
    throw ScenarioError(path,
                        "at most " + std::to_string(InputLimits::max_network_entries) +
                            " network entries in a scenario (host interfaces and addresses; forwardPorts, extraVeths, "
                            "macvlans, interfaces and extraFlags entries of all containers)",
                        "the scenario has more by here");
  }

 private:
  std::size_t total_ = 0;
};

}  // namespace

void check_container_count(const nlohmann::json& document) {
  const auto containers = document.find("containers");
  if (!document.is_object() || containers == document.end() || !containers->is_object()) return;
  if (containers->size() > InputLimits::max_containers) {
    throw ScenarioError("containers", "at most " + std::to_string(InputLimits::max_containers) + " containers",
                        "got " + std::to_string(containers->size()));
  }
}

void check_network_entries(const Scenario& scenario) {
  EntryCount count;
  const std::string interfaces = "host.network.interfaces";
  count.add(scenario.host.network.interfaces.size(), interfaces);
  for (const auto& interface : scenario.host.network.interfaces) {
    count.add(interface.addresses.size(), child_path(child_path(interfaces, interface.name), "addresses"));
  }
  for (const auto& [name, spec] : scenario.containers) {
    const std::string base = child_path("containers", name.value);
    count.add(size_of(spec.network.forwardPorts), child_path(base, "forwardPorts"));
    count.add(spec.extraVeths ? spec.extraVeths->size() : 0, child_path(base, "extraVeths"));
    if (spec.extraVeths) {
      for (const auto& [veth, network] : *spec.extraVeths) {
        count.add(size_of(network.forwardPorts), child_path(child_path(child_path(base, "extraVeths"), veth.value), "forwardPorts"));
      }
    }
    count.add(size_of(spec.macvlans), child_path(base, "macvlans"));
    count.add(size_of(spec.interfaces), child_path(base, "interfaces"));
    count.add(size_of(spec.extraFlags), child_path(base, "extraFlags"));
  }
}

}  // namespace ctrlab::oracle::scenario
