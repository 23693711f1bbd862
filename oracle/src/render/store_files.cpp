#include <array>

#include "nix/store_path.hpp"
#include "render/render_context.hpp"

namespace ctrlab::oracle::render {
namespace {

std::string search_path(const std::vector<std::string>& packages) {
  std::string path;
  for (const char* directory : {"/bin", "/sbin"}) {
    for (const auto& package : packages) {
      if (!path.empty()) path += ':';
      path += package;
      path += directory;
    }
  }
  return path;
}

std::string render_reload_script(const RenderContext& context) {
  std::array<std::string_view, slot::value_count> values{};
  values[slot::runtimeShell] = context.runtimeShell;
  values[slot::nixosContainer] = context.nixosContainer;
  return context.module.reloadContainer->render(values, std::array<bool, slot::condition_count>{});
}

// renderExtraVeth for every extra veth, joined with "\n" (the init's ${extraVeths}).
std::string render_init_extra_veths(const RenderContext& context, const ContainerConfig& cfg) {
  std::string text;
  bool first = true;
  for (const auto& [name, veth] : *cfg.extraVeths) {
    if (!first) text += '\n';
    first = false;
    std::array<std::string_view, slot::value_count> values{};
    std::array<bool, slot::condition_count> conditions{};
    values[slot::name] = name.value;
    const auto bind = [&](slot::Value value, slot::Condition condition, const std::string* option) {
      conditions[condition] = option != nullptr;
      if (option != nullptr) values[value] = *option;
    };
    bind(slot::localAddress, slot::hasLocalAddress, value_of(veth.localAddress));
    bind(slot::localAddress6, slot::hasLocalAddress6, value_of(veth.localAddress6));
    bind(slot::hostAddress, slot::hasHostAddress, value_of(veth.hostAddress));
    bind(slot::hostAddress6, slot::hasHostAddress6, value_of(veth.hostAddress6));
    context.module.initExtraVeth->render(values, conditions, text);
  }
  return text;
}

}  // namespace

RenderContext::RenderContext(const ModuleRevision& module_revision, const HostFacts& host_facts)
    : module(module_revision), host(host_facts), dirs(directories(module_revision, host_facts)) {
  systemdPath = host.package("systemd").value;
  for (const std::string_view package : module.unitPath) unitPath.push_back(host.package(std::string(package)).value);
  runtimeShell = host.package("bash").value + "/bin/bash";
  nixosContainer = host.package("nixos-container").value;
  // The unit's path, then what NixOS puts on every unit's PATH after it.
  std::vector<std::string> packages = unitPath;
  for (const char* package : {"coreutils", "findutils", "gnugrep", "gnused"}) packages.push_back(host.package(package).value);
  packages.push_back(systemdPath);
  unitSearchPath = search_path(packages);
  if (module.reloadContainer != nullptr) reloadScript = nix::store_path("reload-container", render_reload_script(*this));
  environmentFileDirective = "-/etc/" + dirs.configurationName + "/%i.conf";
  runtimeDirectory = dirs.configurationName + "/%i";
  stateInstanceDirectory = dirs.state + "/%i";
  ephemeralInstanceDirectory = std::string(module.ephemeralRunDirectory) + "/%i";
}

std::string render_env_file(const RenderContext& context, const ContainerConfig& cfg) {
  return context.module.writeEnvFile(context, cfg);
}

std::string env_file_from_template(const RenderContext& context, const ContainerConfig& cfg) {
  std::array<std::string_view, slot::value_count> values{};
  std::array<bool, slot::condition_count> conditions{};
  const std::string host_port = host_port_value(cfg.forwardPorts);
  const std::string interfaces = join(cfg.interfaces, " ");
  const std::string macvlans = join(cfg.macvlans, " ");
  const std::string extra_flags = extra_nspawn_flags_value(cfg);
  values[slot::path] = cfg.path;
  values[slot::hostPort] = host_port;
  values[slot::interfaces] = interfaces;
  values[slot::macvlans] = macvlans;
  values[slot::extraNspawnFlags] = extra_flags;
  const auto bind = [&](slot::Value value, slot::Condition condition, const std::string* option) {
    conditions[condition] = option != nullptr;
    if (option != nullptr) values[value] = *option;
  };
  bind(slot::hostBridge, slot::hasHostBridge, cfg.hostBridge);
  bind(slot::hostAddress, slot::hasHostAddress, cfg.hostAddress);
  bind(slot::hostAddress6, slot::hasHostAddress6, cfg.hostAddress6);
  bind(slot::localAddress, slot::hasLocalAddress, cfg.localAddress);
  bind(slot::localAddress6, slot::hasLocalAddress6, cfg.localAddress6);
  conditions[slot::privateNetwork] = cfg.privateNetwork;
  conditions[slot::hasForwardPorts] = !cfg.forwardPorts.empty();
  conditions[slot::autoStart] = cfg.autoStart;
  std::string text;
  text.reserve(256 + cfg.path.size() + extra_flags.size());
  context.module.envFile->render(values, conditions, text);
  return text;
}

const std::string& container_init_path(RenderContext& context, const ContainerConfig& cfg) {
  if (cfg.extraVeths->empty() && !context.defaultInitScript.empty()) return context.defaultInitScript;
  std::string veths = render_init_extra_veths(context, cfg);
  const auto found = context.initScripts.find(veths);
  if (found != context.initScripts.end()) return found->second;
  std::array<std::string_view, slot::value_count> values{};
  values[slot::runtimeShell] = context.runtimeShell;
  values[slot::extraVeths] = veths;
  std::string script = context.module.containerInit->render(values, std::array<bool, slot::condition_count>{});
  script += context.module.containerInitChange;
  const bool without_veths = veths.empty();
  const std::string& path =
      context.initScripts.emplace(std::move(veths), nix::store_path("container-init", script)).first->second;
  if (without_veths) context.defaultInitScript = path;
  return path;
}

std::string container_root(const RenderContext& context, const ContainerConfig& cfg) {
  if (cfg.ephemeral && context.module.ephemeralAndTimeout) {
    return std::string(context.module.ephemeralRunDirectory) + "/" + std::string(cfg.name);
  }
  return context.dirs.state + "/" + std::string(cfg.name);
}

}  // namespace ctrlab::oracle::render
