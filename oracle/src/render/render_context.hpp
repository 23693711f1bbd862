#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "render/container_config.hpp"
#include "render/module_revision.hpp"
#include "shell/nspawn_command_line.hpp"
#include "shell/systemd_env_file.hpp"

// What rendering the declarative module (2018+) for one host needs, computed once per
// prediction, and the functions that render one container's parts.
namespace ctrlab::oracle::render {

struct RenderContext {
  RenderContext(const ModuleRevision& module_revision, const HostFacts& host_facts);

  const ModuleRevision& module;
  const HostFacts& host;
  Directories dirs;
  std::string systemdPath;     // the systemd package
  std::vector<std::string> unitPath;  // the store paths of the revision's unit path packages
  std::string runtimeShell;    // bash/bin/bash
  std::string nixosContainer;  // the nixos-container package
  std::string unitSearchPath;  // PATH of every unit: the unit's path, then NixOS's defaults
  std::string reloadScript;    // the store path of ExecReload
  std::string environmentFileDirective;    // -/etc/<configurationName>/%i.conf
  std::string runtimeDirectory;            // <configurationName>/%i
  std::string stateInstanceDirectory;      // <state>/%i
  std::string ephemeralInstanceDirectory;  // <ephemeral run directory>/%i
  std::string defaultInitScript;           // container-init without extra veths
  std::map<std::string, std::string, std::less<>> initScripts;  // extraVeths part -> container-init path
};

// The text of /etc/<configurationName>/<name>.conf (the revision's EnvFileWriter).
[[nodiscard]] std::string render_env_file(const RenderContext& context, const ContainerConfig& cfg);
// The writers: the revision's template (2018-2022), and the 2025 layout (env_file_2025.cpp).
[[nodiscard]] std::string env_file_from_template(const RenderContext& context, const ContainerConfig& cfg);
[[nodiscard]] std::string env_file_2025(const RenderContext& context, const ContainerConfig& cfg);

// The store path of the container's init script (memoised per distinct extraVeths text).
[[nodiscard]] const std::string& container_init_path(RenderContext& context, const ContainerConfig& cfg);

// Where the container's root is: $root as the unit's environment gives it.
[[nodiscard]] std::string container_root(const RenderContext& context, const ContainerConfig& cfg);

struct ScriptInput {
  const RenderContext& context;
  const ContainerConfig& cfg;
  const shell::Environment& env;  // the env file as systemd read it
  std::string_view root;
  std::vector<RenderNote>& notes;
  std::string_view profileSystem;  // what the container's profile's `system` file holds
  std::vector<ScriptSyntaxError>& syntaxErrors;  // where bash stops reading a script
};

struct StartScriptRun {
  std::vector<Argv> ops;  // the commands, the last being systemd-nspawn
  Argv nspawnArgv;
};

// Whether the start script reads the container profile's `system` file (the module's rule for a
// 32-bit profile on an x86_64-linux host).
[[nodiscard]] bool start_script_reads_platform(const RenderContext& context);
[[nodiscard]] StartScriptRun run_start_script(const ScriptInput& input, std::string_view init_path);
[[nodiscard]] std::vector<Argv> run_pre_start(const ScriptInput& input);
[[nodiscard]] std::vector<Argv> run_post_start(const ScriptInput& input);
// nullopt where the revision has no preStop script.
[[nodiscard]] std::optional<std::vector<Argv>> run_pre_stop(const ScriptInput& input);
// The container init's commands; nullopt when nspawn would not run the init.
[[nodiscard]] std::optional<std::vector<Argv>> run_container_init(const ScriptInput& input, const Argv& nspawn_argv,
                                                                  std::string_view init_path);

[[nodiscard]] UnitDefinition template_unit(const RenderContext& context);
[[nodiscard]] UnitDefinition container_unit(const RenderContext& context, const ContainerConfig& cfg,
                                            const std::string& env_file_store_path);

}  // namespace ctrlab::oracle::render
