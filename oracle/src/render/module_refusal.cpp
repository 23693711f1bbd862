#include <algorithm>

#include "nix/nix_text.hpp"
#include "nix/nix_version.hpp"
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

// lib/modules.nix: an evaluated submodule checks its definitions against its options and
// reports the first unmatched one, by name; nested submodules are checked after.
std::optional<ModuleError> undeclared_option(const ModuleRevision& module, const ContainerSpec& spec) {
  const OptionDefinition* first_top_level = nullptr;
  const OptionDefinition* first_nested = nullptr;
  for (const auto& definition : spec.definitions) {
    const bool top_level = definition.loc.size() == 1;
    const bool refused = !definition.knownOption || (top_level && !module.declares(definition.loc.front()));
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

std::optional<ModuleError> removed_pkgs_option(const ModuleRevision& module, const ContainerSpec& spec) {
  if (!module.removedPkgsOption || !spec.pkgsDefined) return std::nullopt;
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

std::optional<ModuleError> undefined_path(const ModuleRevision& module, const ContainerSpec& spec) {
  if (spec.path || spec.configDefined) return std::nullopt;
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

}  // namespace

std::optional<ModuleError> module_refusal(const Scenario& scenario, const ModuleRevision& module) {
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = undeclared_option(module, spec)) return error;
  }
  for (const auto& [name, spec] : scenario.containers) {
    if (auto error = removed_pkgs_option(module, spec)) return error;
    if (auto error = undefined_path(module, spec)) return error;
    if (auto error = bind_mounts_list(module, spec)) return error;
  }
  return std::nullopt;
}

std::vector<std::string> container_assertions(const ModuleRevision& module, const HostFacts& host,
                                              const ContainerSpec& spec) {
  std::vector<std::string> failed;
  const bool old_kernel = nix::compare_versions(host.kernelVersion, "5.8") <= 0;
  if (module.assertsNameLength && old_kernel && spec.privateNetwork.value_or(false) && spec.name.value.size() > 11) {
    failed.push_back(
        "Container name `" + spec.name.value +
        "` is too long: When `privateNetwork` is enabled, container names can\n"
        "not be longer than 11 characters, because the container's interface name is derived from it.\n"
        "You should either make the container name shorter or upgrade to a more recent kernel that\n"
        "supports interface altnames (i.e. at least Linux 5.8 - please see "
        "https://github.com/NixOS/nixpkgs/issues/38509\n"
        "for details).\n");
  }
  return failed;
}

}  // namespace ctrlab::oracle::render
