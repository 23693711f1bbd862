#include "ctrlab/oracle/host_network.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/naming.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "record_reader.hpp"

namespace ctrlab::oracle {
namespace {

constexpr std::string_view interface_kinds = "bridge, dummy or device";

HostInterface interface_from_json(const std::string& name, const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  for (const auto& [key, value] : json.items()) {
    if (key != "kind" && key != "up" && key != "addresses" && key != "mac" && key != "master") {
      throw InputError(object.path_of(key), "one of kind, up, addresses, mac, master", "got an unknown key");
    }
  }
  HostInterface interface;
  interface.name = name;
  const std::string kind_text = object.optional_string("kind").value_or("device");
  const auto kind = parse_link_kind(kind_text);
  if (!kind || (*kind != LinkKind::bridge && *kind != LinkKind::dummy && *kind != LinkKind::device)) {
    throw InputError(object.path_of("kind"), std::string(interface_kinds), record::got(json["kind"]));
  }
  interface.kind = *kind;
  interface.up = object.boolean("up", true);
  if (const auto* addresses = object.find("addresses")) {
    const auto list_path = object.path_of("addresses");
    const auto& array = record::require_array(*addresses, list_path, "an array of addresses such as \"192.168.0.1/24\"");
    for (std::size_t i = 0; i < array.size(); ++i) {
      const auto item_path = record::index_path(list_path, i);
      const auto text = record::require_string(array[i], item_path, "an address such as \"192.168.0.1/24\"");
      auto prefix = IpPrefix::parse(text);
      if (!prefix) throw InputError(item_path, "an address such as \"192.168.0.1/24\" or \"fc00::1/7\"", record::got(array[i]));
      prefix->explicit_length = true;
      interface.addresses.push_back(*prefix);
    }
  }
  if (const auto mac = object.optional_string("mac")) {
    interface.mac = MacAddress::parse(*mac);
    if (!interface.mac) throw InputError(object.path_of("mac"), "a MAC address such as \"52:54:00:12:34:56\"", record::got(json["mac"]));
  }
  interface.master = object.optional_string("master");
  return interface;
}

}  // namespace

std::optional<KernelVersion> KernelVersion::parse(std::string_view text) {
  KernelVersion version;
  const char* end = text.data() + text.size();
  const auto [after_major, major_error] = std::from_chars(text.data(), end, version.major);
  if (major_error != std::errc{}) return std::nullopt;
  version.minor = 0;
  if (after_major == end || *after_major != '.') return version;
  const auto [after_minor, minor_error] = std::from_chars(after_major + 1, end, version.minor);
  if (minor_error != std::errc{}) version.minor = 0;
  return version;
}

HostNetwork parse_host_network(const nlohmann::json& network, const std::string& path) {
  const record::ObjectReader object(network, path);
  for (const auto& [key, value] : network.items()) {
    if (key != "interfaces" && key != "ipForward") throw InputError(object.path_of(key), "interfaces or ipForward", "got an unknown key");
  }
  HostNetwork host;
  host.ip_forward = object.boolean("ipForward", false);
  if (const auto* interfaces = object.find("interfaces")) {
    const record::ObjectReader each(*interfaces, object.path_of("interfaces"));
    for (const auto& [name, value] : interfaces->items()) {
      if (!is_valid_interface_name(name) || name == "lo") {
        throw InputError(each.path_of(name), "an interface name of 1 to 15 characters without '/', ':' or spaces (not lo)",
                          "got \"" + name + "\"");
      }
      host.interfaces.push_back(interface_from_json(name, value, each.path_of(name)));
    }
  }
  // A port's master is a bridge, and Linux refuses to make a bridge a port of a bridge
  // (ELOOP): so no chain of masters is longer than one, and none can loop.
  std::map<std::string_view, LinkKind> kinds;
  for (const auto& interface : host.interfaces) kinds.emplace(interface.name, interface.kind);
  const std::string interfaces_path = record::member_path(path, "interfaces");
  for (const auto& interface : host.interfaces) {
    if (!interface.master) continue;
    const std::string master_path = record::member_path(record::member_path(interfaces_path, interface.name), "master");
    const auto master = kinds.find(*interface.master);
    if (master == kinds.end() || master->second != LinkKind::bridge) {
      throw InputError(master_path, "the name of a bridge in " + interfaces_path, "got \"" + *interface.master + "\"");
    }
    if (interface.kind == LinkKind::bridge) {
      throw InputError(master_path, "no master for a bridge: Linux refuses to make a bridge a port of a bridge",
                        "got \"" + *interface.master + "\"");
    }
  }
  return host;
}

HostNetwork host_network_of(const HostFacts& host) {
  HostNetwork network = host.network;
  if (host.machineId) network.machine_id = MachineId::parse(*host.machineId);
  if (const auto kernel = KernelVersion::parse(host.kernelVersion)) network.kernel = *kernel;
  return network;
}

void to_json(nlohmann::json& json, const HostNetwork& network) {
  json = {{"ipForward", network.ip_forward}, {"kernelVersion", std::to_string(network.kernel.major) + "." + std::to_string(network.kernel.minor)}};
  json["machineId"] = network.machine_id ? nlohmann::json(network.machine_id->to_string()) : nlohmann::json(nullptr);
  json["interfaces"] = nlohmann::json::object();
  for (const auto& interface : network.interfaces) {
    nlohmann::json entry{{"kind", to_string(interface.kind)}, {"up", interface.up}};
    entry["addresses"] = nlohmann::json::array();
    for (const auto& address : interface.addresses) entry["addresses"].push_back(address.to_string());
    if (interface.mac) entry["mac"] = interface.mac->to_string();
    if (interface.master) entry["master"] = *interface.master;
    json["interfaces"][interface.name] = entry;
  }
}

}  // namespace ctrlab::oracle
