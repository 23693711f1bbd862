#include <algorithm>

#include "nix/nix_text.hpp"
#include "nix/nix_version.hpp"
#include "render/container_config.hpp"
#include "render/option_types.hpp"
#include "render/render.hpp"

namespace ctrlab::oracle::render {
namespace {

std::vector<std::string> option_location(const ModuleRevision& module, const ContainerName& name,
                                         const std::vector<std::string>& below) {
  std::vector<std::string> parts;
  std::string_view prefix = module.optionPrefix;
  while (!prefix.empty()) {
    const auto dot = prefix.find('.');
    parts.emplace_back(prefix.substr(0, dot));
    prefix = dot == std::string_view::npos ? std::string_view() : prefix.substr(dot + 1);
  }
  parts.push_back(name.value);
  parts.insert(parts.end(), below.begin(), below.end());
  return parts;
}

ModuleError refusal(std::string message, std::vector<std::string> location) {
  return ModuleError{nix::evaluator_error(message), nix::show_option(location)};
}

// Whether the revision declares a known option: a container option, or one of an extra veth's
// network options (loc extraVeths.NAME.OPTION).
bool declares(const ModuleRevision& module, const std::vector<std::string>& loc) {
  if (loc.size() == 1) return module.declares(loc.front());
  if (loc.size() == 3 && loc.front() == "extraVeths") return module.declares_network_option(loc.back());
  return true;
}

// lib/modules.nix: an evaluated submodule checks its definitions against its options and
// reports the first unmatched one, by name; nested submodules are checked after.
std::optional<ModuleError> undeclared_option(const ModuleRevision& module, const ContainerSpec& spec) {
  const OptionDefinition* first_top_level = nullptr;
  const OptionDefinition* first_nested = nullptr;
  for (const auto& definition : spec.definitions) {
    const bool top_level = definition.loc.size() == 1;
    const bool refused = !definition.knownOption || !declares(module, definition.loc);
    if (!refused) continue;
    if (top_level && (first_top_level == nullptr || definition.loc < first_top_level->loc)) {
      first_top_level = &definition;
    } else if (!top_level && first_nested == nullptr) {
      first_nested = &definition;
    }
  }
  const OptionDefinition* first = first_top_level != nullptr ? first_top_level : first_nested;
  if (first == nullptr) return std::nullopt;
  const auto location = option_location(module, spec.name, first->loc);
  return refusal("The option `" + nix::show_option(location) + "' does not exist. Definition values:" +
                     nix::show_definition("spec", first->prettyValue),
                 location);
}

// 2025 defines `path` itself for a flake; the checks that come with `path` (the removed `pkgs`,
// a flake beside `config`) run only where it is read: the env file's SYSTEM_PATH (written only
// without a flake) and, for a container that starts at boot, its restartTriggers.
bool path_read(const ContainerSpec& spec) { return value_of(spec.flake) == nullptr || spec.autoStart.value_or(false); }

std::optional<ModuleError> removed_pkgs_option(const ModuleRevision& module, const ContainerSpec& spec) {
  if (!module.removedPkgsOption || !spec.pkgsDefined || !path_read(spec)) return std::nullopt;
  const std::string name = spec.name.value;
  return refusal("The option definition `containers." + name +
                     ".pkgs' in `spec' no longer has any effect; please remove it.\n"
                     "\n"
                     "Alternatively, you can use the following options:\n"
                     "- containers." + name + ".nixpkgs\n"
                     "  This sets the nixpkgs (and thereby the modules, pkgs and lib) that\n"
                     "  are used for evaluating the container.\n"
                     "\n"
                     "- containers." + name + ".config.nixpkgs.pkgs\n"
                     "  This only sets the `pkgs` argument used inside the container modules.\n",
                 option_location(module, spec.name, {"pkgs"}));
}

// 2025: `config` and `flake` both define `path` (nixos-containers.nix at 00ef614e throws).
std::optional<ModuleError> flake_beside_config(const ContainerSpec& spec) {
  if (value_of(spec.flake) == nullptr || !spec.configDefined || !path_read(spec)) return std::nullopt;
  const std::string& name = spec.name.value;
  return ModuleError{nix::evaluator_error("The options 'containers." + name + ".path' and 'containers." + name +
                                          ".flake' cannot both be set.\n"),
                     nix::show_option({"containers", name, "flake"})};
}

std::optional<ModuleError> undefined_path(const ModuleRevision& module, const ContainerSpec& spec) {
  if (spec.path || spec.configDefined || value_of(spec.flake) != nullptr) return std::nullopt;
  const auto location = option_location(module, spec.name, {"path"});
  return refusal("The option `" + nix::show_option(location) +
                     "' was accessed but has no value defined. Try setting the option.",
                 location);
}

// bindMounts as a list: only the original loaOf took one; since nixpkgs 20.09 loaOf is attrsOf.
std::optional<ModuleError> bind_mounts_list(const ModuleRevision& module, const ContainerSpec& spec) {
  if (!spec.bindMounts || !spec.bindMounts->givenAsList) return std::nullopt;
  const auto definition = std::find_if(spec.definitions.begin(), spec.definitions.end(),
                                       [](const OptionDefinition& d) { return d.loc == std::vector<std::string>{"bindMounts"}; });
  const auto location = option_location(module, spec.name, {"bindMounts"});
  return refusal("A definition for option `" + nix::show_option(location) +
                     "' is not of type `attribute set of (submodule)'. Definition values:" +
                     nix::show_definition("spec", definition != spec.definitions.end() ? definition->prettyValue : "[ ]"),
                 location);
}

// 2025's assertion that networkNamespace goes without privateNetwork and interfaces is written
// as a bare string where NixOS expects { assertion; message; }: evaluating the host's
// assertions stops there. The message is the evaluator's, where the ground truth's evaluation
// read the assertions (tests/data/groundtruth/README.md; case 23-network-namespace-with-
// private-network.2025), whatever the container.
std::optional<ModuleError> network_namespace_assertion(const ModuleRevision& module, const ContainerSpec& spec) {
  if (!module.declares("networkNamespace") || value_of(spec.networkNamespace) == nullptr) return std::nullopt;
  const bool interfaces = spec.interfaces && !spec.interfaces->empty();
  if (!spec.privateNetwork.value_or(false) && !interfaces) return std::nullopt;
  return ModuleError{"error: value is a string while a set was expected\n"
                     "\n"
                     "       at <groundtruth>/eval.nix:175:40:\n"
                     "\n"
                     "          174|     hosts = c.networking.extraHosts;\n"
                     "          175|     assertions = map (a: { assertion = a.assertion; message = a.message; }) c.assertions;\n"
                     "             |                                        ^\n"
                     "          176|     warnings = c.warnings;",
                     nix::show_option({"containers", spec.name.value, "networkNamespace"})};
}

}  // namespace

// In the order Nix meets them: the options each container defines; the host's assertions (which
// read every container's networkNamespace, privateNetwork and interfaces); then what reading
// each container's options for its files finds.
std::optional<ModuleError> module_refusal(const Scenario& scenario, const ModuleRevision& module) {
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = undeclared_option(module, spec)) return error;
  }
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = network_namespace_type_refusal(module, spec)) return error;
  }
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = network_namespace_assertion(module, spec)) return error;
  }
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = removed_pkgs_option(module, spec)) return error;
    if (auto error = flake_beside_config(spec)) return error;
    if (auto error = undefined_path(module, spec)) return error;
    if (auto error = bind_mounts_list(module, spec)) return error;
    const ContainerConfig cfg = container_config(spec, "");
    if (auto error = option_type_refusal(module, cfg)) return error;
    if (auto error = unbuildable_script(module, cfg)) return error;
  }
  return std::nullopt;
}

std::vector<FailedAssertion> container_assertions(const ModuleRevision& module, const HostFacts& host,
                                                  const ContainerSpec& spec) {
  std::vector<FailedAssertion> failed;
  const bool old_kernel = nix::compare_versions(host.kernelVersion, "5.8") <= 0;
  if (module.assertsNameLength && old_kernel && spec.privateNetwork.value_or(false) && spec.name.value.size() > 11) {
    failed.push_back({NameAssertion::short_on_old_kernel,
        "Container name `" + spec.name.value +
        "` is too long: When `privateNetwork` is enabled, container names can\n"
        "not be longer than 11 characters, because the container's interface name is derived from it.\n"
        "You should either make the container name shorter or upgrade to a more recent kernel that\n"
        "supports interface altnames (i.e. at least Linux 5.8 - please see "
        "https://github.com/NixOS/nixpkgs/issues/38509\n"
        "for details).\n"});
  }
  if (module.assertsNameHasNoUnderscore && spec.name.value.find('_') != std::string::npos) {
    failed.push_back({NameAssertion::no_underscore,
                      "Names containing underscores are not allowed in nixos-containers. Please rename the container '" +
                          spec.name.value + "'\n"});
  }
  return failed;
}

}  // namespace ctrlab::oracle::render
