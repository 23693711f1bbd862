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

// Counts entries of one kind in document order and refuses the list that passes `limit`.
class EntryBudget {
 public:
  EntryBudget(std::size_t limit, std::string what) : limit_(limit), what_(std::move(what)) {}

  void add(std::size_t entries, const std::string& path) {
    total_ += entries;
    if (total_ <= limit_) return;
    throw ScenarioError(path, "at most " + std::to_string(limit_) + " " + what_, "the scenario has more by here");
  }

 private:
  std::size_t limit_;
  std::string what_;
  std::size_t total_ = 0;
};

bool on_a_bridge(const NetworkOptions& network) { return network.hostBridge && *network.hostBridge; }

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
  EntryBudget network(InputLimits::max_network_entries,
                      "network entries in a scenario (host interfaces and addresses; forwardPorts, extraVeths, macvlans, "
                      "interfaces and extraFlags entries of all containers)");
  EntryBudget shared(InputLimits::max_shared_segment_entries,
                     "entries that may share a network segment in a scenario (containers and extraVeths on a hostBridge; "
                     "macvlans and extraFlags entries of all containers)");
  const std::string interfaces = "host.network.interfaces";
  network.add(scenario.host.network.interfaces.size(), interfaces);
  for (const auto& interface : scenario.host.network.interfaces) {
    network.add(interface.addresses.size(), child_path(child_path(interfaces, interface.name), "addresses"));
  }
  for (const auto& [name, spec] : scenario.containers) {
    const std::string base = child_path("containers", name.value);
    network.add(size_of(spec.network.forwardPorts), child_path(base, "forwardPorts"));
    shared.add(on_a_bridge(spec.network) ? 1 : 0, child_path(base, "hostBridge"));
    network.add(spec.extraVeths ? spec.extraVeths->size() : 0, child_path(base, "extraVeths"));
    if (spec.extraVeths) {
      for (const auto& [veth, options] : *spec.extraVeths) {
        const std::string veth_path = child_path(child_path(base, "extraVeths"), veth.value);
        network.add(size_of(options.forwardPorts), child_path(veth_path, "forwardPorts"));
        shared.add(on_a_bridge(options) ? 1 : 0, child_path(veth_path, "hostBridge"));
      }
    }
    for (const auto& [count, key] : {std::pair{size_of(spec.macvlans), "macvlans"}, std::pair{size_of(spec.extraFlags), "extraFlags"}}) {
      network.add(count, child_path(base, key));
      shared.add(count, child_path(base, key));
    }
    network.add(size_of(spec.interfaces), child_path(base, "interfaces"));
  }
}

}  // namespace ctrlab::oracle::scenario
