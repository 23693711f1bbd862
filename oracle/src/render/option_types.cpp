// The option types 2025 checks where a value of the right JSON type can still be refused: Nix
// checks a definition against its option's type when the module reads the option, and stops
// with lib/modules.nix's "A definition for option `...' is not of type `...'". The types are
// those of nixpkgs nixos/modules/virtualisation/nixos-containers.nix at 00ef614e, described as
// lib/types.nix describes them; 2018-2022 type the ports as types.int and have none of the
// other options.
#include <nlohmann/json.hpp>

#include "nix/nix_text.hpp"
#include "render/container_config.hpp"
#include "render/option_types.hpp"

namespace ctrlab::oracle::render {
namespace {

// lib.types descriptions.
constexpr std::string_view port_type = "16 bit unsigned integer; between 0 and 65535 (both inclusive)";
constexpr std::string_view nullable_port_type = "null or 16 bit unsigned integer; between 0 and 65535 (both inclusive)";
constexpr std::string_view private_users_type =
    "32 bit unsigned integer; between 0 and 4294967295 (both inclusive) or one of \"no\", \"identity\", \"pick\"";
constexpr std::string_view mac_pattern = "([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}";
constexpr std::string_view nullable_path_type = "null or path";

ModuleError not_of_type(std::vector<std::string> location, std::string_view type, std::string_view pretty_value) {
  const std::string option = nix::show_option(location);
  return {nix::evaluator_error("A definition for option `" + option + "' is not of type `" + std::string(type) +
                               "'. Definition values:" + nix::show_definition("spec", pretty_value)),
          option};
}

std::vector<std::string> location(const ContainerSpec& spec, std::initializer_list<std::string> below) {
  std::vector<std::string> parts{"containers", spec.name.value};
  parts.insert(parts.end(), below.begin(), below.end());
  return parts;
}

std::string pretty(const nlohmann::json& value) { return nix::pretty(value, nix::shown_definition_lines); }

bool is_port(std::int64_t value) { return value >= 0 && value <= 65535; }

// types.port for hostPort and containerPort: read by the env file's HOST_PORT, which the
// module writes only for a private network.
std::optional<ModuleError> port_refusal(const ContainerConfig& cfg, const ContainerSpec& spec) {
  if (!cfg.privateNetwork) return std::nullopt;
  for (std::size_t i = 0; i < cfg.forwardPorts.size(); ++i) {
    const ForwardPort& port = cfg.forwardPorts[i];
    const std::string entry = "[definition 1-entry " + std::to_string(i + 1) + "]";
    if (!is_port(port.hostPort)) {
      return not_of_type(location(spec, {"forwardPorts", entry, "hostPort"}), port_type, std::to_string(port.hostPort));
    }
    if (port.containerPort && *port.containerPort && !is_port(**port.containerPort)) {
      return not_of_type(location(spec, {"forwardPorts", entry, "containerPort"}), nullable_port_type,
                         std::to_string(**port.containerPort));
    }
  }
  return std::nullopt;
}

std::optional<ModuleError> private_users_refusal(const ContainerSpec& spec) {
  if (!spec.privateUsers) return std::nullopt;
  const auto& value = spec.privateUsers->value;
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    if (*number >= 0 && *number <= 4294967295) return std::nullopt;
    return not_of_type(location(spec, {"privateUsers"}), private_users_type, std::to_string(*number));
  }
  const std::string& name = std::get<std::string>(value);
  if (name == "no" || name == "identity" || name == "pick") return std::nullopt;
  return not_of_type(location(spec, {"privateUsers"}), private_users_type, pretty(name));
}

// mac_pattern matched against the whole string, as builtins.match does: six pairs of hex
// digits joined by colons.
bool matches_mac_pattern(std::string_view text) {
  if (text.size() != 17) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (i % 3 == 2 ? c != ':' : !hex) return false;
  }
  return true;
}

// types.strMatching mac_pattern, read by the env file's LOCAL_MAC_ADDRESS in the private network
// block.
std::optional<ModuleError> mac_refusal(const ContainerConfig& cfg, const ContainerSpec& spec) {
  if (!cfg.privateNetwork || cfg.localMacAddress == nullptr) return std::nullopt;
  if (matches_mac_pattern(*cfg.localMacAddress)) return std::nullopt;
  return not_of_type(location(spec, {"localMacAddress"}), "null or string matching the pattern " + std::string(mac_pattern),
                     pretty(*cfg.localMacAddress));
}

}  // namespace

std::optional<ModuleError> network_namespace_type_refusal(const ModuleRevision& module, const ContainerSpec& spec) {
  const std::string* path = module.declares("networkNamespace") ? value_of(spec.networkNamespace) : nullptr;
  // types.path: a string that starts with "/".
  if (path == nullptr || path->starts_with('/')) return std::nullopt;
  return not_of_type(location(spec, {"networkNamespace"}), nullable_path_type, pretty(*path));
}

std::optional<ModuleError> option_type_refusal(const ModuleRevision& module, const ContainerConfig& cfg) {
  const ContainerSpec& spec = *cfg.spec;
  if (module.portsAreU16) {
    if (auto refusal = port_refusal(cfg, spec)) return refusal;
  }
  if (module.declares("privateUsers")) {
    if (auto refusal = private_users_refusal(spec)) return refusal;
  }
  if (module.declares("localMacAddress")) {
    if (auto refusal = mac_refusal(cfg, spec)) return refusal;
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::render
