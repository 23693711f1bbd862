#include "ctrlab/oracle/predict.hpp"

#include <algorithm>

#include "nix/nix_version.hpp"
#include "nix/store_path.hpp"
#include "render/render.hpp"
#include "render/render_context.hpp"
#include "render/words.hpp"

namespace ctrlab::oracle {
namespace render {

std::string system_path(const ContainerSpec& spec, std::vector<RenderNote>& notes) {
  if (spec.path) return *spec.path;
  // 2025: a flake's system is the container's profile, which `nixos-container update` makes.
  if (value_of(spec.flake) != nullptr) return "/nix/var/nix/profiles/per-container/" + spec.name.value;
  notes.push_back({"containers." + spec.name.value + ".config",
                   "the container's system path comes from evaluating `config`, which ctrlab does not do; "
                   "a placeholder store path stands for it"});
  return nix::store_path("nixos-system-" + spec.name.value, "ctrlab placeholder for " + spec.name.value);
}

namespace {

void add_hosts_line(const ContainerConfig& cfg, std::string& hosts) {
  if (cfg.localAddress == nullptr) return;
  // head (splitString "/" cfg.localAddress)
  const std::string_view address(*cfg.localAddress);
  hosts.append(address.substr(0, address.find('/'))).append(" ").append(cfg.name).append(".containers\n");
}

// The container's own assertions hold only for a container defined by `config`; a note says
// what a `path` container, which is not checked, meets instead.
std::string_view unchecked_name_note(NameAssertion assertion) {
  switch (assertion) {
    case NameAssertion::short_on_old_kernel:
      return "a container defined by `config` with this name would fail its assertion on this kernel "
             "(names over 11 characters with privateNetwork need Linux newer than 5.8); "
             "a `path` container is not checked, but its interface names are still shortened";
    case NameAssertion::no_underscore:
      return "a container defined by `config` with this name would fail its assertion that names hold no `_`; "
             "a `path` container is not checked, and systemd-nspawn refuses the name as a machine name";
  }
  return "";
}

void add_assertions(ContainerPrediction& container, const ModuleRevision& module, const HostFacts& host,
                    const ContainerSpec& spec) {
  for (auto& failed : container_assertions(module, host, spec)) {
    if (!spec.configDefined) container.notes.push_back({"containers." + spec.name.value, std::string(unchecked_name_note(failed.assertion))});
    container.failedContainerAssertions.push_back(std::move(failed.message));
  }
}

// The file the start script reads the container's platform from, where it reads one.
std::optional<ProfileFile> system_file(const RenderContext& context, const ContainerSpec& spec,
                                       const shell::Environment& env, std::string_view profile_system) {
  if (!start_script_reads_platform(context)) return std::nullopt;
  const std::string_view system_path = env.get("SYSTEM_PATH");
  const std::string profile = system_path.empty() ? concat("/nix/var/nix/profiles/per-container/", spec.name.value, "/system")
                                                  : std::string(system_path);
  return ProfileFile{profile + "/system", std::string(profile_system)};
}

ContainerPrediction predict_container(RenderContext& context, const ContainerSpec& spec, std::string_view profile_system,
                                      Prediction& prediction) {
  ContainerPrediction container;
  container.unitName = concat("container@", spec.name.value);
  const std::string placeholder = spec.path ? std::string() : system_path(spec, container.notes);
  const ContainerConfig cfg = container_config(spec, spec.path ? std::string_view(*spec.path) : placeholder);
  EnvFile env_file{concat("/etc/", context.dirs.configurationName, "/", spec.name.value, ".conf"),
                   render_env_file(context, cfg)};
  const shell::Environment env = shell::parse_environment_file(env_file.text);
  const std::string etc_store_path = context.module.restartOnChange && cfg.autoStart
                                         ? nix::store_path(concat("etc-", spec.name.value, ".conf"), env_file.text)
                                         : std::string();
  container.unit = container_unit(context, cfg, etc_store_path);
  read_back_unit(container.unit, spec, container.notes);
  const std::string root = container_root(context, cfg);
  const std::string& init_path = container_init_path(context, cfg);
  const ScriptInput input{context, cfg, env, root, container.notes, profile_system, container.syntaxErrors};
  container.hostOps.preStart = run_pre_start(input);
  StartScriptRun start = run_start_script(input, init_path);
  container.hostOps.start = std::move(start.ops);
  container.hostOps.postStart = run_post_start(input);
  container.hostOps.preStop = run_pre_stop(input);
  // nspawn runs the init only if the start script reached its `exec`.
  if (!start.nspawnArgv.empty()) container.containerOps = run_container_init(input, start.nspawnArgv, init_path);
  container.nspawnArgv = std::move(start.nspawnArgv);
  std::stable_sort(container.syntaxErrors.begin(), container.syntaxErrors.end(),
                   [](const auto& a, const auto& b) { return a.script < b.script; });  // as systemd runs them
  container.systemFile = system_file(context, spec, env, profile_system);
  add_assertions(container, context.module, context.host, spec);
  add_value_notes(spec, {env_file.path, &env}, container.notes);
  add_hosts_line(cfg, prediction.hosts);
  prediction.etcFiles.emplace(env_file.path, env_file.text);
  container.envFile = std::move(env_file);
  return container;
}

std::vector<std::string> module_warnings(const ModuleRevision& module, const HostFacts& host) {
  std::vector<std::string> warnings;
  if (module.stateVersionDirectories && host.virtualisationContainers &&
      nix::version_older(host.stateVersion, "22.05")) {
    warnings.emplace_back(
        "Enabling both boot.enableContainers & virtualisation.containers on system.stateVersion < 22.05 is "
        "unsupported.\n");
  }
  return warnings;
}

}  // namespace

void predict_declarative_module(const Scenario& scenario, const ModuleRevision& module, Prediction& prediction) {
  RenderContext context(module, scenario.host);
  prediction.templateUnit = template_unit(context);
  prediction.serviceNames.emplace_back("container@");
  for (const auto& [name, spec] : scenario.containers) {
    ContainerPrediction container = predict_container(context, spec, scenario.profile_system(name), prediction);
    prediction.serviceNames.push_back(container.unitName);
    prediction.containers.emplace(name.value, std::move(container));
  }
  prediction.warnings = module_warnings(module, scenario.host);
}

}  // namespace render

Prediction predict(const Scenario& scenario, Revision revision) {
  const render::ModuleRevision& module = render::module_revision(revision);
  Prediction prediction;
  prediction.revision = revision;
  for (const auto& note : scenario.notes) prediction.notes.push_back({note.jsonPath, note.message});
  if (auto error = render::module_refusal(scenario, module)) {
    prediction.error = std::move(error);
    return prediction;
  }
  if (revision == Revision::r2014) {
    render::predict_module_2014(scenario, module, prediction);
  } else {
    render::predict_declarative_module(scenario, module, prediction);
  }
  return prediction;
}

}  // namespace ctrlab::oracle
