#include <algorithm>
#include <cctype>

#include "nix/store_path.hpp"
#include "scenario/parsers.hpp"

namespace ctrlab::oracle {

StorePath default_package_path(const std::string& name) {
  // Deterministic and plausible: the hash part is derived from the name alone.
  return StorePath{nix::store_path(name, "ctrlab default package " + name)};
}

StorePath HostFacts::package(const std::string& name) const {
  const auto found = packages.find(name);
  return found != packages.end() ? found->second : default_package_path(name);
}

namespace scenario {
namespace {

std::string version_string(const JsonNode& node, std::string_view example) {
  const std::string expected = "a version string such as \"" + std::string(example) + "\"";
  std::string text = node.as_string(expected);
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front())) == 0) {
    node.fail(expected, "got " + describe(node.value()));
  }
  return text;
}

std::map<std::string, StorePath> parse_packages(const JsonNode& node) {
  constexpr std::string_view expected = "an absolute store path such as \"/nix/store/<hash>-systemd\"";
  std::map<std::string, StorePath> packages;
  node.for_each_member("an object: package name -> store path", [&](const std::string& name, const JsonNode& member) {
    std::string path = member.as_string(expected);
    const bool blank = std::any_of(path.begin(), path.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
    if (path.empty() || path.front() != '/' || blank) member.fail(expected, "got " + describe(member.value()));
    packages.emplace(name, StorePath{std::move(path)});
  });
  return packages;
}

std::string parse_machine_id(const JsonNode& node) {
  constexpr std::string_view expected = "32 lowercase hexadecimal digits, as in /etc/machine-id";
  std::string id = node.as_string(expected);
  const bool hex = std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (id.size() != 32 || !hex) node.fail(expected, "got " + describe(node.value()));
  return id;
}

// Each key of `host` and how to read it; a new host fact is one more entry here.
struct HostKey {
  std::string_view name;
  void (*read)(const JsonNode&, HostFacts&);
};

const std::vector<HostKey>& host_keys() {
  static const std::vector<HostKey> keys = {
      {"stateVersion", [](const JsonNode& n, HostFacts& h) { h.stateVersion = version_string(n, "22.05"); }},
      {"kernelVersion", [](const JsonNode& n, HostFacts& h) { h.kernelVersion = version_string(n, "6.1.31"); }},
      {"system",
       [](const JsonNode& n, HostFacts& h) {
         h.system = n.as_string("a Nix system name such as \"x86_64-linux\"");
         if (h.system.empty()) n.fail("a Nix system name such as \"x86_64-linux\"", "got an empty string");
       }},
      {"packages", [](const JsonNode& n, HostFacts& h) { h.packages = parse_packages(n); }},
      {"machineId", [](const JsonNode& n, HostFacts& h) { h.machineId = parse_machine_id(n); }},
      {"virtualisationContainers", [](const JsonNode& n, HostFacts& h) { h.virtualisationContainers = n.as_bool(); }},
      {"network", [](const JsonNode& n, HostFacts& h) { h.network = parse_host_network(n.value(), n.path()); }},
  };
  return keys;
}

}  // namespace

HostFacts parse_host(const JsonNode& node) {
  std::vector<std::string_view> names;
  for (const auto& key : host_keys()) names.push_back(key.name);
  HostFacts host;
  node.for_each_member("an object with host facts", [&](const std::string& key, const JsonNode& member) {
    const auto found = std::find_if(host_keys().begin(), host_keys().end(), [&](const HostKey& k) { return k.name == key; });
    if (found == host_keys().end()) fail_unknown_key(member, key, names, "host keys");
    found->read(member, host);
  });
  return host;
}

}  // namespace scenario
}  // namespace ctrlab::oracle
