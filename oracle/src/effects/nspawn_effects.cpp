#include "ctrlab/oracle/nspawn_effects.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>
#include <string_view>
#include <utility>

#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/user_namespace.hpp"

namespace ctrlab::oracle {
namespace {

// Capability names the kernel (6.x) knows, as capability_from_name() matches them
// (case-insensitively); numbers 0..63, "all" and "help" are accepted too.
constexpr std::array<std::string_view, 41> capability_names = {
    "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid", "cap_kill",
    "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable", "cap_net_bind_service",
    "cap_net_broadcast", "cap_net_admin", "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module",
    "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace", "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot",
    "cap_sys_nice", "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod", "cap_lease",
    "cap_audit_write", "cap_audit_control", "cap_setfcap", "cap_mac_override", "cap_mac_admin", "cap_syslog",
    "cap_wake_alarm", "cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf", "cap_checkpoint_restore",
};

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool is_capability(std::string_view word) {
  if (word == "all" || word == "help") return true;
  unsigned number = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
  if (error == std::errc{} && end == word.data() + word.size()) return number <= 63;
  const std::string lower = lowercase(word);
  return std::find(capability_names.begin(), capability_names.end(), lower) != capability_names.end();
}

std::optional<std::string> capability_refusal(std::string_view spec) {
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string_view word = spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!word.empty() && !is_capability(word)) return "Failed to parse capability " + std::string(word) + ".";
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return std::nullopt;
}

std::optional<std::uint16_t> parse_port_number(std::string_view text) {
  unsigned number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || number == 0 || number > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(number);
}

// expose_port_parse(): [tcp:|udp:]HOST[:CONTAINER].
std::optional<NspawnPort> parse_port(std::string_view spec) {
  NspawnPort port;
  if (spec.starts_with("tcp:")) spec.remove_prefix(4);
  else if (spec.starts_with("udp:")) {
    port.protocol = "udp";
    spec.remove_prefix(4);
  }
  const std::size_t colon = spec.find(':');
  const auto host = parse_port_number(spec.substr(0, colon));
  const auto container = colon == std::string_view::npos ? host : parse_port_number(spec.substr(colon + 1));
  if (!host || !container) return std::nullopt;
  port.host_port = *host;
  port.container_port = *container;
  return port;
}

// volatile_mode_from_string(): a bare --volatile is "yes"; "no" and false booleans keep the
// root as it is; yes, state and overlay put a tmpfs or an overlay over it.
bool volatile_mode_makes_root_writable(std::string_view value) {
  for (std::string_view off : {"no", "0", "n", "false", "f", "off"}) {
    if (value == off) return false;
  }
  return true;
}

std::string basename_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

struct Collected {
  std::optional<std::string> machine, directory, bridge, zone;
  bool private_network = false, veth = false, read_only = false, volatile_root = false;
  std::vector<std::pair<std::string, std::string>> extra_veths;
  std::vector<std::pair<std::string, LinkKind>> macvlans;
  std::vector<std::string> interfaces;
  std::vector<NspawnPort> ports;
  std::set<std::pair<std::string, std::uint16_t>> forwarded;  // (protocol, host port) of `ports`
  std::optional<std::string> namespace_path;
  Personality personality = Personality::native;
};

std::optional<Personality> parse_personality(std::string_view architecture) {
  if (architecture == "x86-64") return Personality::native;
  if (architecture == "x86") return Personality::x86_32;
  return std::nullopt;
}

// One option's effect (parse_argv()); returns nspawn's refusal message, if any.
std::optional<std::string> collect(Collected& into, std::string_view name, const std::string& value) {
  const auto require_ifname = [&](std::string_view what) -> std::optional<std::string> {
    if (is_valid_interface_name(value)) return std::nullopt;
    return std::string(what) + " not valid: " + value;
  };
  if (name == "machine") {
    if (value.empty()) return std::nullopt;  // no name: nspawn derives one from the directory
    if (!is_valid_machine_name(value)) return "Invalid machine name: " + value;
    into.machine = value;
  } else if (name == "directory") into.directory = value;
  else if (name == "read-only") into.read_only = true;
  else if (name == "volatile") into.volatile_root = volatile_mode_makes_root_writable(value);
  else if (name == "private-network") into.private_network = true;
  else if (name == "network-veth") into.veth = into.private_network = true;
  else if (name == "network-bridge") {
    if (auto bad = require_ifname("Bridge interface name")) return bad;
    into.bridge = value;
    into.veth = into.private_network = true;
  } else if (name == "network-zone") {
    if (!is_valid_interface_name(nspawn_zone_bridge_name(value))) return "Network zone name not valid: " + value;
    into.zone = value;
    into.veth = into.private_network = true;
  } else if (name == "network-veth-extra") {
    const std::size_t colon = value.find(':');
    const std::string host = value.substr(0, colon);
    std::string container = colon == std::string::npos ? host : value.substr(colon + 1);
    // veth_extra_parse() fails with EINVAL, and parse_argv() says (systemd v252,
    // src/nspawn/nspawn.c, ARG_NETWORK_VETH_EXTRA) "Failed to parse --network-veth-extra=
    // parameter: VALUE", without errno's text.
    if (container.find(':') != std::string::npos || !is_valid_interface_name(host)) {
      return "Failed to parse --network-veth-extra= parameter: " + value;
    }
    if (!is_valid_interface_name(container)) container = host;  // nspawn silently falls back
    into.extra_veths.emplace_back(host, container);
    into.private_network = true;
  } else if (name == "network-macvlan" || name == "network-ipvlan" || name == "network-interface") {
    if (auto bad = require_ifname("Network interface name")) return bad;
    if (name == "network-interface") into.interfaces.push_back(value);
    else into.macvlans.emplace_back(value, name == "network-macvlan" ? LinkKind::macvlan : LinkKind::ipvlan);
    into.private_network = true;
  } else if (name == "network-namespace-path") {
    into.namespace_path = value;
  } else if (name == "port") {
    const auto port = parse_port(value);
    if (!port) return "Failed to parse host port " + value + ": Invalid argument";
    if (!into.forwarded.emplace(port->protocol, port->host_port).second) return "Duplicate port specification: " + value;
    into.ports.push_back(*port);
  } else if (name == "private-users") {
    // parse_private_users(): a value that is no mode, boolean or BASE[:RANGE] ends parse_argv().
    return private_users_value(value.empty() ? "yes" : value).refusal;
  } else if (name == "personality") {
    const auto personality = parse_personality(value);
    if (!personality) return "Unknown or unsupported personality '" + value + "'.";
    into.personality = *personality;
  } else if (name == "capability" || name == "drop-capability" || name == "ambient-capability") {
    return capability_refusal(value);
  }
  return std::nullopt;
}

// verify_arguments(): combinations nspawn refuses.
std::optional<std::string> verify(const Collected& collected) {
  if (collected.bridge && collected.zone) return "--network-bridge= and --network-zone= may not be combined.";
  if (collected.namespace_path && (collected.private_network || collected.veth)) {
    return "Cannot combine --network-namespace-path= with --private-network or network options.";
  }
  if (!collected.ports.empty() && !collected.private_network) return "Cannot use --port= without private networking.";
  return std::nullopt;
}

}  // namespace

NspawnNetworkPlan plan_nspawn_network(const NspawnArguments& parsed, const std::optional<MachineId>& machine_id,
                                      NamingScheme scheme) {
  NspawnNetworkPlan plan;
  if (parsed.refusal) {
    plan.refusal = parsed.refusal;
    return plan;
  }
  Collected collected;
  for (const auto& [name, value] : parsed.options) {
    if (auto refusal = collect(collected, name, value)) {
      plan.refusal = refusal;
      return plan;
    }
  }
  if (auto refusal = verify(collected)) {
    plan.refusal = refusal;
    return plan;
  }
  plan.machine = collected.machine.value_or(basename_of(collected.directory.value_or("")));
  plan.root = {collected.directory.value_or(""), collected.read_only, collected.volatile_root};
  plan.command = parsed.command;
  plan.private_network = collected.private_network;
  plan.network_namespace_path = collected.namespace_path;
  plan.personality = collected.personality;
  plan.ports = collected.ports;
  plan.moved_interfaces = collected.interfaces;
  const auto mac_for = [&](NspawnMacRole role, std::uint64_t index) -> std::optional<MacAddress> {
    if (!machine_id) return std::nullopt;
    return nspawn_mac(*machine_id, plan.machine, role, index);
  };
  if (collected.veth) {
    const bool bridged = collected.bridge || collected.zone;
    NspawnVeth veth;
    veth.host_name = nspawn_veth_host_name(plan.machine, bridged, scheme);
    veth.host_mac = mac_for(NspawnMacRole::veth_host, 0);
    veth.container_mac = mac_for(NspawnMacRole::veth_container, 0);
    if (collected.bridge) veth.bridge = collected.bridge;
    if (collected.zone) {
      veth.bridge = nspawn_zone_bridge_name(*collected.zone);
      veth.zone = true;
    }
    plan.veth = veth;
  }
  std::uint64_t extra_index = 0;
  for (const auto& [host, container] : collected.extra_veths) {
    plan.extra_veths.push_back({host, container, mac_for(NspawnMacRole::veth_extra_host, extra_index),
                                mac_for(NspawnMacRole::veth_extra_container, extra_index)});
    ++extra_index;
  }
  std::uint64_t macvlan_index = 0;
  for (const auto& [parent, kind] : collected.macvlans) {
    NspawnMacvlan link;
    link.kind = kind;
    link.parent = parent;
    link.name = kind == LinkKind::macvlan ? nspawn_macvlan_name(parent, scheme) : nspawn_ipvlan_name(parent, scheme);
    if (kind == LinkKind::macvlan) link.mac = mac_for(NspawnMacRole::macvlan, macvlan_index++);
    plan.macvlans.push_back(link);
  }
  return plan;
}

NspawnNetworkPlan plan_nspawn_network(const Argv& nspawn_argv, const std::optional<MachineId>& machine_id,
                                      NamingScheme scheme) {
  return plan_nspawn_network(read_nspawn_arguments(nspawn_argv), machine_id, scheme);
}

std::string_view uname_machine(Personality personality) {
  return personality == Personality::x86_32 ? "i686" : "x86_64";
}

}  // namespace ctrlab::oracle
