#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "ctrlab/oracle/address.hpp"
#include "nix/nix_text.hpp"
#include "scenario/parsers.hpp"

namespace ctrlab::oracle::scenario {
namespace {

constexpr std::string_view address_form =
    "null or an IPv4/IPv6 address, optionally with a prefix length (e.g. \"10.231.136.1\", \"fc00::2/7\")";
// 2018-2022 type the ports as types.int, 2025 as types.port (ints.u16): any integer is read,
// and the revision refuses what its type does not take (render/option_types.cpp); nspawn
// refuses 0 and what is past 65535, as predicted.
constexpr std::string_view port_form = "an integer port number";
// types.either types.ints.u32 (types.enum [ "no" "identity" "pick" ]) (2025): the JSON type is
// checked here, the value by the module (render/option_types.cpp).
constexpr std::string_view private_users_form = "\"no\", \"identity\", \"pick\" or a UID base (an integer)";

// What the readers share: the container being read, and what to do with unknown keys.
struct ContainerReader {
  ContainerSpec& spec;
  const ParseOptions& options;
  std::vector<ParseNote>& notes;

  // An unknown key below containers.<name>: an error, or (lenient) a definition that the
  // module will refuse, at Nix option location `loc`.
  void unknown(const JsonNode& member, const std::string& key, const std::vector<std::string_view>& known,
               std::string_view what, std::vector<std::string> loc) const {
    if (options.rejectUnknownOptions) fail_unknown_key(member, key, known, what);
    loc.push_back(key);
    spec.definitions.push_back(
        {std::move(loc), nix::pretty(member.value(), nix::shown_definition_lines), false, nearest_name(key, known)});
  }
};

std::string absolute_path(const JsonNode& node, std::string_view example) {
  const std::string expected = "an absolute path such as \"" + std::string(example) + "\"";
  std::string text = node.as_string(expected);
  if (text.empty() || text.front() != '/') node.fail(expected, "got " + describe(node.value()));
  return text;
}

NullOr<std::string> nullable_string(const JsonNode& node) {
  if (node.is_null()) return std::nullopt;
  return node.as_string("a string or null");
}

// NixOS types the address options as strings and writes them into the env file and scripts
// as they are. ctrlab checks the address the scripts read, the value's first line; a line
// break and what follows it are taken as NixOS takes them (the rendering warns: they land in
// the env file and scripts as lines of their own).
NullOr<std::string> address(const JsonNode& node) {
  if (node.is_null()) return std::nullopt;
  std::string text = node.as_string(address_form);
  if (!IpPrefix::parse(std::string_view(text).substr(0, text.find_first_of("\n\r")))) {
    node.fail(address_form, "got " + describe(node.value()) + ", which is not an address");
  }
  return text;
}

std::int64_t port(const JsonNode& node) { return node.as_integer(port_form); }

PrivateUsers private_users(const JsonNode& node) {
  if (node.value().is_string()) return {node.as_string(private_users_form)};
  return {node.as_integer(private_users_form)};
}

std::string list_entry_location(std::size_t index) {
  return "[definition 1-entry " + std::to_string(index + 1) + "]";
}

ForwardPort forward_port(const JsonNode& node, const ContainerReader& reader, const std::vector<std::string>& loc) {
  static const std::vector<std::string_view> keys = {"protocol", "hostPort", "containerPort"};
  ForwardPort port_spec;
  bool has_host_port = false;
  node.for_each_member("an object with hostPort, and optionally protocol and containerPort",
                       [&](const std::string& key, const JsonNode& member) {
                         if (key == "protocol") {
                           port_spec.protocol = member.as_string("a protocol name such as \"tcp\" or \"udp\"");
                         } else if (key == "hostPort") {
                           port_spec.hostPort = port(member);
                           has_host_port = true;
                         } else if (key == "containerPort") {
                           port_spec.containerPort = member.is_null() ? NullOr<std::int64_t>{} : port(member);
                         } else {
                           reader.unknown(member, key, keys, "forwardPorts keys", loc);
                         }
                       });
  if (!has_host_port) node.fail("an object with hostPort, and optionally protocol and containerPort", "there is no hostPort");
  return port_spec;
}

std::vector<ForwardPort> forward_ports(const JsonNode& node, const ContainerReader& reader,
                                       const std::vector<std::string>& loc) {
  std::vector<ForwardPort> ports;
  std::map<std::pair<std::string, std::int64_t>, std::size_t> seen;  // (protocol, hostPort) -> entry
  node.for_each_element("a list of { protocol, hostPort, containerPort } objects", [&](const JsonNode& element) {
    auto entry_loc = loc;
    entry_loc.push_back(list_entry_location(ports.size()));
    ForwardPort port_spec = forward_port(element, reader, entry_loc);
    const auto [earlier, first] = seen.try_emplace({port_spec.protocol.value_or("tcp"), port_spec.hostPort}, ports.size());
    if (!first) {
      element.fail("each (protocol, hostPort) forwarded at most once",
                   earlier->first.first + " port " + std::to_string(port_spec.hostPort) +
                       " is already forwarded by entry " + std::to_string(earlier->second));
    }
    ports.push_back(std::move(port_spec));
  });
  return ports;
}

const std::vector<std::string_view>& network_option_names() {
  static const std::vector<std::string_view> names = {"hostBridge",   "forwardPorts", "hostAddress",   "hostAddress6",
                                                      "localAddress", "localAddress6", "localMacAddress"};
  return names;
}

// Reads one of the module's networkOptions into `network`; false when `key` is not one.
bool network_option(NetworkOptions& network, const std::string& key, const JsonNode& member,
                    const ContainerReader& reader, const std::vector<std::string>& loc) {
  if (key == "hostBridge") {
    network.hostBridge = nullable_string(member);
  } else if (key == "forwardPorts") {
    auto option_loc = loc;
    option_loc.push_back(key);
    network.forwardPorts = forward_ports(member, reader, option_loc);
  } else if (key == "hostAddress") {
    network.hostAddress = address(member);
  } else if (key == "hostAddress6") {
    network.hostAddress6 = address(member);
  } else if (key == "localAddress") {
    network.localAddress = address(member);
  } else if (key == "localAddress6") {
    network.localAddress6 = address(member);
  } else if (key == "localMacAddress") {
    network.localMacAddress = nullable_string(member);
  } else {
    return false;
  }
  return true;
}

std::map<InterfaceName, NetworkOptions> extra_veths(const JsonNode& node, const ContainerReader& reader) {
  std::map<InterfaceName, NetworkOptions> veths;
  node.for_each_member("an object: interface name -> network options", [&](const std::string& name, const JsonNode& veth) {
    NetworkOptions network;
    const std::vector<std::string> loc = {"extraVeths", name};
    veth.for_each_member("an object with hostBridge, forwardPorts, hostAddress(6), localAddress(6)",
                         [&](const std::string& key, const JsonNode& member) {
                           if (!network_option(network, key, member, reader, loc)) {
                             reader.unknown(member, key, network_option_names(), "extraVeths keys", loc);
                           } else if (key == "localMacAddress") {
                             // A network option only 2025 declares: older revisions refuse it here.
                             reader.spec.definitions.push_back(
                                 {{"extraVeths", name, key}, nix::pretty(member.value(), nix::shown_definition_lines), true, {}});
                           }
                         });
    veths.emplace(InterfaceName{name}, std::move(network));
  });
  return veths;
}

BindMount bind_mount(std::string name, const JsonNode& node, const ContainerReader& reader,
                     const std::vector<std::string>& loc) {
  static const std::vector<std::string_view> keys = {"mountPoint", "hostPath", "isReadOnly"};
  BindMount mount{std::move(name), {}, {}, {}};
  node.for_each_member("an object with mountPoint, hostPath, isReadOnly", [&](const std::string& key, const JsonNode& member) {
    if (key == "mountPoint") {
      mount.mountPoint = member.as_string("a path inside the container");
    } else if (key == "hostPath") {
      mount.hostPath = nullable_string(member);
    } else if (key == "isReadOnly") {
      mount.isReadOnly = member.as_bool();
    } else {
      reader.unknown(member, key, keys, "bindMounts keys", loc);
    }
  });
  return mount;
}

BindMounts bind_mounts(const JsonNode& node, const ContainerReader& reader) {
  BindMounts mounts;
  if (node.value().is_array()) {
    // 2018's loaOf names list entries by their position: unnamed-<definition>.<entry>.
    mounts.givenAsList = true;
    const std::size_t width = std::to_string(node.value().size()).size();
    node.for_each_element("a list or an object of bind mounts", [&](const JsonNode& element) {
      std::string position = std::to_string(mounts.entries.size() + 1);
      position.insert(0, width - position.size(), '0');
      std::string name = "unnamed-1." + position;
      mounts.entries.push_back(bind_mount(name, element, reader, {"bindMounts", name}));
    });
    return mounts;
  }
  node.for_each_member("an object: mount point -> { hostPath, isReadOnly }", [&](const std::string& name, const JsonNode& member) {
    mounts.entries.push_back(bind_mount(name, member, reader, {"bindMounts", name}));
  });
  return mounts;
}

std::vector<AllowedDevice> allowed_devices(const JsonNode& node, const ContainerReader& reader) {
  static const std::vector<std::string_view> keys = {"node", "modifier"};
  constexpr std::string_view form = "an object with node and modifier, e.g. { \"node\": \"/dev/net/tun\", \"modifier\": \"rw\" }";
  std::vector<AllowedDevice> devices;
  node.for_each_element("a list of { node, modifier } objects", [&](const JsonNode& element) {
    std::optional<std::string> device_node;
    std::optional<std::string> modifier;
    const std::vector<std::string> loc = {"allowedDevices", list_entry_location(devices.size())};
    element.for_each_member(form, [&](const std::string& key, const JsonNode& member) {
      if (key == "node") {
        device_node = member.as_string("a device node path such as \"/dev/fuse\"");
      } else if (key == "modifier") {
        modifier = member.as_string("a combination of r, w and m, e.g. \"rw\"");
      } else {
        reader.unknown(member, key, keys, "allowedDevices keys", loc);
      }
    });
    if (!device_node) element.fail(form, "there is no node");
    if (!modifier) element.fail(form, "there is no modifier");
    devices.push_back({std::move(*device_node), std::move(*modifier)});
  });
  return devices;
}

std::vector<InterfaceName> interface_names(const JsonNode& node) {
  std::vector<InterfaceName> names;
  for (auto& text : node.as_string_list()) names.push_back(InterfaceName{std::move(text)});
  return names;
}

void ignored(const ContainerReader& reader, const JsonNode& node, std::string_view why) {
  reader.notes.push_back({node.path(), std::string(why)});
}

// Each option of containers.<name> that some revision has, and how to read it.
struct ContainerOption {
  std::string_view name;
  void (*read)(const ContainerReader&, const JsonNode&);
};

const std::vector<ContainerOption>& container_options() {
  using R = const ContainerReader&;
  using N = const JsonNode&;
  static const std::vector<ContainerOption> options = {
      {"additionalCapabilities", [](R r, N n) { r.spec.additionalCapabilities = n.as_string_list(); }},
      {"allowedDevices", [](R r, N n) { r.spec.allowedDevices = allowed_devices(n, r); }},
      {"autoStart", [](R r, N n) { r.spec.autoStart = n.as_bool(); }},
      {"bindMounts", [](R r, N n) { r.spec.bindMounts = bind_mounts(n, r); }},
      {"config",
       [](R r, N n) {
         r.spec.configDefined = true;
         ignored(r, n, "a container's `config` is a NixOS configuration ctrlab does not evaluate; ignored");
       }},
      {"copyResolvConf", [](R r, N n) { r.spec.copyResolvConf = n.as_bool(); }},
      {"enableTun", [](R r, N n) { r.spec.enableTun = n.as_bool(); }},
      {"ephemeral", [](R r, N n) { r.spec.ephemeral = n.as_bool(); }},
      {"extraFlags", [](R r, N n) { r.spec.extraFlags = n.as_string_list(); }},
      {"extraVeths", [](R r, N n) { r.spec.extraVeths = extra_veths(n, r); }},
      {"flake", [](R r, N n) { r.spec.flake = nullable_string(n); }},
      {"forwardPorts", [](R r, N n) { r.spec.network.forwardPorts = forward_ports(n, r, {"forwardPorts"}); }},
      {"hostAddress", [](R r, N n) { r.spec.network.hostAddress = address(n); }},
      {"hostAddress6", [](R r, N n) { r.spec.network.hostAddress6 = address(n); }},
      {"hostBridge", [](R r, N n) { r.spec.network.hostBridge = nullable_string(n); }},
      {"interfaces", [](R r, N n) { r.spec.interfaces = interface_names(n); }},
      {"localAddress", [](R r, N n) { r.spec.network.localAddress = address(n); }},
      {"localAddress6", [](R r, N n) { r.spec.network.localAddress6 = address(n); }},
      {"localMacAddress", [](R r, N n) { r.spec.network.localMacAddress = nullable_string(n); }},
      {"macvlans", [](R r, N n) { r.spec.macvlans = interface_names(n); }},
      {"networkNamespace", [](R r, N n) { r.spec.networkNamespace = nullable_string(n); }},
      {"nixpkgs",
       [](R r, N n) {
         r.spec.nixpkgsDefined = true;
         ignored(r, n, "`nixpkgs` only affects how `config` is evaluated; ignored");
       }},
      {"path",
       [](R r, N n) { r.spec.path = absolute_path(n, "/nix/var/nix/profiles/per-container/" + r.spec.name.value); }},
      {"pkgs", [](R r, N) { r.spec.pkgsDefined = true; }},
      {"privateNetwork", [](R r, N n) { r.spec.privateNetwork = n.as_bool(); }},
      {"privateUsers", [](R r, N n) { r.spec.privateUsers = private_users(n); }},
      {"restartIfChanged", [](R r, N n) { r.spec.restartIfChanged = n.as_bool(); }},
      {"root", [](R r, N n) { r.spec.root = absolute_path(n, "/var/lib/containers/" + r.spec.name.value); }},
      {"specialArgs",
       [](R r, N n) {
         r.spec.specialArgsDefined = true;
         ignored(r, n, "`specialArgs` only affects how `config` is evaluated; ignored");
       }},
      {"timeoutStartSec",
       [](R r, N n) { r.spec.timeoutStartSec = n.as_string("a systemd time span such as \"1min\" or \"90s\""); }},
      {"tmpfs", [](R r, N n) { r.spec.tmpfs = n.as_string_list(); }},
  };
  return options;
}

}  // namespace

const std::vector<std::string_view>& known_container_options() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> all;
    for (const auto& option : container_options()) all.push_back(option.name);
    return all;
  }();
  return names;
}

ContainerSpec parse_container(const ContainerName& name, const JsonNode& node, const ParseOptions& options,
                              std::vector<ParseNote>& notes) {
  ContainerSpec spec;
  spec.name = name;
  const ContainerReader reader{spec, options, notes};
  node.for_each_member("an object of container options", [&](const std::string& key, const JsonNode& member) {
    const auto& table = container_options();
    const auto found = std::find_if(table.begin(), table.end(), [&](const ContainerOption& o) { return o.name == key; });
    if (found == table.end()) {
      reader.unknown(member, key, known_container_options(), "container options", {});
      return;
    }
    found->read(reader, member);
    spec.definitions.push_back({{key}, nix::pretty(member.value(), nix::shown_definition_lines), true, {}});
  });
  return spec;
}

}  // namespace ctrlab::oracle::scenario
