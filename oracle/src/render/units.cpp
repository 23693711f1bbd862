// The systemd services the declarative module defines: the container@ template and one
// container@NAME per container (the template's attributes, updated).
#include "render/render_context.hpp"

namespace ctrlab::oracle::render {
namespace {

std::vector<std::string> device_allow(const ContainerConfig* cfg) {
  std::vector<std::string> devices;
  if (cfg == nullptr) return devices;  // dummyConfig: no devices
  for (const auto& device : cfg->allowedDevices) devices.push_back(device.node + " " + device.modifier);
  if (cfg->enableTun) devices.emplace_back("/dev/net/tun rw");
  return devices;
}

// serviceDirectives: for the template `cfg` is the module's dummyConfig (nullptr here).
UnitSection service_directives(const RenderContext& context, const ContainerConfig* cfg) {
  const ModuleRevision& module = context.module;
  UnitSection section;
  section.emplace("ExecReload", context.reloadScript);
  section.emplace("SyslogIdentifier", std::string("container %i"));
  section.emplace("EnvironmentFile", "-/etc/" + context.dirs.configurationName + "/%i.conf");
  section.emplace("Type", std::string("notify"));
  if (module.ephemeralAndTimeout) {
    std::vector<std::string> runtime;
    if (cfg != nullptr && cfg->ephemeral) runtime.push_back(context.dirs.configurationName + "/%i");
    section.emplace("RuntimeDirectory", std::move(runtime));
    section.emplace("TimeoutStartSec", std::string(cfg != nullptr ? cfg->timeoutStartSec : "1min"));
  }
  section.emplace("RestartForceExitStatus", std::string("133"));
  section.emplace("SuccessExitStatus", std::string("133"));
  section.emplace("Restart", std::string("on-failure"));
  section.emplace("Slice", std::string("machine.slice"));
  section.emplace("Delegate", true);
  section.emplace("KillMode", std::string("mixed"));
  section.emplace("KillSignal", std::string(module.killSignal));
  section.emplace("DevicePolicy", std::string("closed"));
  section.emplace("DeviceAllow", device_allow(cfg));
  return section;
}

}  // namespace

UnitDefinition template_unit(const RenderContext& context) {
  UnitDefinition unit;
  unit.description = "Container '%i'";
  unit.serviceConfig = service_directives(context, nullptr);
  const std::string mounts = context.dirs.state + "/%i";
  if (context.module.templateMountsAsList) {
    unit.unitConfig.emplace("RequiresMountsFor", std::vector<std::string>{mounts});
  } else {
    unit.unitConfig.emplace("RequiresMountsFor", mounts);
  }
  unit.environment = std::map<std::string, std::string>{{"INSTANCE", "%i"}, {"root", context.dirs.state + "/%i"}};
  unit.path = std::vector<std::string>{context.iproutePath};
  unit.restartIfChanged = false;
  return unit;
}

UnitDefinition container_unit(const RenderContext& context, const ContainerConfig& cfg,
                              const std::string& env_file_store_path) {
  const ModuleRevision& module = context.module;
  UnitDefinition unit = template_unit(context);
  unit.serviceConfig = service_directives(context, &cfg);
  const bool ephemeral = module.ephemeralAndTimeout && cfg.ephemeral;
  std::vector<std::string> mounts;
  if (!ephemeral) mounts.push_back(context.dirs.state + "/%i");
  unit.unitConfig.insert_or_assign("RequiresMountsFor", std::move(mounts));
  if (ephemeral) (*unit.environment)["root"] = std::string(module.ephemeralRunDirectory) + "/%i";
  if (cfg.autoStart) {
    unit.wantedBy = std::vector<std::string>{"machines.target"};
    unit.wants = std::vector<std::string>{"network.target"};
    unit.after = std::vector<std::string>{"network.target"};
    unit.restartTriggers = std::vector<std::string>{std::string(cfg.path)};
    if (module.restartOnChange) {
      unit.restartTriggers->push_back(env_file_store_path);
      unit.restartIfChanged = true;
    } else {
      unit.reloadIfChanged = true;
    }
  }
  return unit;
}

}  // namespace ctrlab::oracle::render
