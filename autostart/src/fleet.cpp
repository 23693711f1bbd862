#include "ctrlab/autostart/fleet.hpp"

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"

namespace ctrlab::autostart {
namespace {

// Container i owns the block 10.231.x.y/30 at 4 * i: .1 on the host's side, .2 inside.
std::string address_in_block(std::size_t container, unsigned host_part) {
  const std::size_t first = 4 * container;
  return "10.231." + std::to_string(first / 256) + "." + std::to_string(first % 256 + host_part);
}

nlohmann::json container(std::size_t index, const FleetSpec& spec) {
  const auto name = "c" + std::to_string(index);
  nlohmann::json json = {{"path", "/nix/var/nix/profiles/per-container/" + name}};
  // 2014 has no autoStart: every container it declares is wanted by multi-user.target.
  if (spec.revision != oracle::Revision::r2014) {
    json["autoStart"] = true;
    json["privateNetwork"] = true;
    json["hostAddress"] = address_in_block(index, 1);
    json["localAddress"] = address_in_block(index, 2);
    json["forwardPorts"] = nlohmann::json::array({{{"protocol", "tcp"}, {"hostPort", 10000 + index}, {"containerPort", 80}}});
  }
  if (spec.timeout_start) json["timeoutStartSec"] = *spec.timeout_start;
  return json;
}

}  // namespace

oracle::Scenario fleet_scenario(const FleetSpec& spec) {
  nlohmann::json containers = nlohmann::json::object();
  for (std::size_t index = 0; index < spec.containers; ++index) containers["c" + std::to_string(index)] = container(index, spec);
  return oracle::parse_scenario({{"description", "mass autostart: " + std::to_string(spec.containers) + " containers"},
                                 {"revisions", {std::string(oracle::to_string(spec.revision))}},
                                 {"containers", containers}});
}

}  // namespace ctrlab::autostart
