// The systemd services the declarative module defines: the container@ template and one
// container@NAME per container (the template's attributes, updated).
#include "nix/systemd_path.hpp"
#include "render/render_context.hpp"
#include "render/words.hpp"

namespace ctrlab::oracle::render {
namespace {

// Directives are added in name order, so each insertion lands at the end of the map.
template <class Value>
void add(UnitSection& section, const char* key, Value&& value) {
  section.emplace_hint(section.end(), key, UnitValue(std::forward<Value>(value)));
}

// 2025 gives a container with a private network and its own user range /dev/net/tun even
// without enableTun (containerConfig in nixos-containers.nix at 00ef614e).
bool needs_tun(const ModuleRevision& module, const ContainerConfig& cfg) {
  if (cfg.enableTun) return true;
  return module.declares("privateUsers") && cfg.privateNetwork && cfg.privateUsers.maps_users();
}

std::vector<std::string> device_allow(const ModuleRevision& module, const ContainerConfig* cfg) {
  std::vector<std::string> devices;
  if (cfg == nullptr) return devices;  // dummyConfig: no devices
  devices.reserve(cfg->allowedDevices.size() + 1);
  for (const auto& device : cfg->allowedDevices) devices.push_back(concat(device.node, " ", device.modifier));
  if (needs_tun(module, *cfg)) devices.push_back(concat("/dev/net/tun ", module.tunAccess));
  return devices;
}

// RequiresMountsFor=: the container's state directory (unless it is ephemeral) and, in 2025,
// each bind mount's host path (its mount point when it has none).
std::vector<std::string> required_mounts(const RenderContext& context, const ContainerConfig& cfg, bool ephemeral) {
  std::vector<std::string> paths;
  if (!ephemeral) paths.push_back(context.stateInstanceDirectory);
  if (!context.module.requiresBindMounts) return paths;
  for (const BindMount& mount : cfg.bindMounts) {
    const std::string* host_path = value_of(mount.hostPath);
    paths.push_back(host_path != nullptr ? *host_path : mount.mountPoint.value_or(mount.name));
  }
  return paths;
}

// wants= and after= of a container that starts at boot: network.target and, in 2025, the
// device units of the interfaces it moves in.
std::vector<std::string> boot_dependencies(const ModuleRevision& module, const ContainerConfig& cfg) {
  std::vector<std::string> units = strings_of("network.target");
  if (!module.waitsForInterfaces) return units;
  for (const InterfaceName& interface : cfg.interfaces) {
    units.push_back(concat("sys-subsystem-net-devices-", nix::escape_systemd_path(interface.value), ".device"));
  }
  return units;
}

// serviceDirectives: for the template `cfg` is the module's dummyConfig (nullptr here).
UnitSection service_directives(const RenderContext& context, const ContainerConfig* cfg) {
  const ModuleRevision& module = context.module;
  UnitSection section;
  add(section, "Delegate", true);
  add(section, "DeviceAllow", device_allow(module, cfg));
  add(section, "DevicePolicy", std::string("closed"));
  add(section, "EnvironmentFile", context.environmentFileDirective);
  add(section, "ExecReload", context.reloadScript);
  add(section, "KillMode", std::string("mixed"));
  add(section, "KillSignal", std::string(module.killSignal));
  add(section, "Restart", std::string("on-failure"));
  add(section, "RestartForceExitStatus", std::string("133"));
  if (module.ephemeralAndTimeout) {
    std::vector<std::string> runtime;
    if (cfg != nullptr && cfg->ephemeral) runtime.push_back(context.runtimeDirectory);
    add(section, "RuntimeDirectory", std::move(runtime));
  }
  add(section, "Slice", std::string("machine.slice"));
  add(section, "SuccessExitStatus", std::string("133"));
  add(section, "SyslogIdentifier", std::string("container %i"));
  if (module.ephemeralAndTimeout) {
    add(section, "TimeoutStartSec", std::string(cfg != nullptr ? cfg->timeoutStartSec : "1min"));
  }
  add(section, "Type", std::string("notify"));
  return section;
}

std::map<std::string, std::string> unit_environment(std::string_view root) {
  std::map<std::string, std::string> environment;
  environment.emplace_hint(environment.end(), "INSTANCE", "%i");
  environment.emplace_hint(environment.end(), "root", root);
  return environment;
}

}  // namespace

UnitDefinition template_unit(const RenderContext& context) {
  UnitDefinition unit;
  unit.description = "Container '%i'";
  unit.serviceConfig = service_directives(context, nullptr);
  if (context.module.templateMountsAsList) {
    add(unit.unitConfig, "RequiresMountsFor", strings_of(context.stateInstanceDirectory));
  } else {
    add(unit.unitConfig, "RequiresMountsFor", context.stateInstanceDirectory);
  }
  unit.environment = unit_environment(context.stateInstanceDirectory);
  unit.path = context.unitPath;
  if (context.module.strictShellChecks) unit.enableStrictShellChecks = true;
  unit.restartIfChanged = false;
  return unit;
}

// The template's attributes, with the container's serviceConfig, mounts, root and, when it
// starts at boot, its targets and what restarts (2021) or reloads (2018) it on a switch.
UnitDefinition container_unit(const RenderContext& context, const ContainerConfig& cfg,
                              const std::string& env_file_store_path) {
  const ModuleRevision& module = context.module;
  const bool ephemeral = module.ephemeralAndTimeout && cfg.ephemeral;
  UnitDefinition unit;
  unit.description = "Container '%i'";
  unit.serviceConfig = service_directives(context, &cfg);
  add(unit.unitConfig, "RequiresMountsFor", required_mounts(context, cfg, ephemeral));
  unit.environment = unit_environment(ephemeral ? context.ephemeralInstanceDirectory : context.stateInstanceDirectory);
  unit.path = context.unitPath;
  if (module.strictShellChecks) unit.enableStrictShellChecks = true;
  unit.restartIfChanged = false;
  if (cfg.autoStart) {
    unit.wantedBy = strings_of("machines.target");
    unit.wants = boot_dependencies(module, cfg);
    unit.after = unit.wants;
    if (module.restartOnChange) {
      unit.restartTriggers = strings_of(cfg.path, env_file_store_path);
      unit.restartIfChanged = !module.declares("restartIfChanged") || cfg.restartIfChanged;
    } else {
      unit.restartTriggers = strings_of(cfg.path);
      unit.reloadIfChanged = true;
    }
  }
  return unit;
}

}  // namespace ctrlab::oracle::render
