#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ctrlab/oracle/revision.hpp"

// What the oracle predicts the module renders for a scenario under one revision.
// Field names follow tests/data/groundtruth/README.md; to_json() writes exactly its keys.
namespace ctrlab::oracle {

// One command line as a process receives it, argv[0] included.
using Argv = std::vector<std::string>;

// A value the module sets on a unit: a string, a boolean, or a list of strings.
using UnitValue = std::variant<bool, std::string, std::vector<std::string>>;
using UnitSection = std::map<std::string, UnitValue>;

// Everything the module sets on one systemd service, except the scripts' source text.
// Optional members are absent when the module does not set them (the JSON omits them).
// serviceConfig and unitConfig are what systemd reads from the unit file NixOS writes: the
// module's attributes, except where a value holds a line break (or ends in a backslash) and
// so writes lines systemd reads as directives of their own (shell/systemd_unit_file.hpp).
struct UnitDefinition {
  std::string description;
  UnitSection serviceConfig;
  UnitSection unitConfig;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::vector<std::string>> path;
  // 2025: NixOS runs the unit's scripts under `set -o errexit -o nounset -o pipefail` (not
  // `set -e` alone) and fails the build of a script `bash -n` refuses.
  std::optional<bool> enableStrictShellChecks;
  std::optional<std::vector<std::string>> wantedBy;
  std::optional<std::vector<std::string>> wants;
  std::optional<std::vector<std::string>> after;
  std::optional<std::vector<std::string>> restartTriggers;
  std::optional<bool> restartIfChanged;
  std::optional<bool> reloadIfChanged;
};

struct EnvFile {
  std::string path;  // e.g. /etc/nixos-containers/NAME.conf
  std::string text;  // byte for byte
};

// The container system's `system` file, which the start script reads to decide on
// --personality=x86 (2018 on, for an x86_64-linux host):
// ${SYSTEM_PATH:-/nix/var/nix/profiles/per-container/NAME/system}/system. Its text is what the
// scenario's `profiles` says, else the host's system.
struct ProfileFile {
  std::string path;
  std::string text;
};

// The commands the unit's scripts run on the host, in order; nullopt where the revision
// has no such script.
struct HostOps {
  std::optional<std::vector<Argv>> preStart;
  std::optional<std::vector<Argv>> start;
  std::optional<std::vector<Argv>> postStart;
  // The preStop script's commands (2014 and 2018 have one). A word the script only knows
  // at run time stays as the shell variable it reads, e.g. "$pid". Not in the ground truth;
  // to_json writes it under the top-level "preStop" key.
  std::optional<std::vector<Argv>> preStop;
};

// Something surprising the rendering does that a user should see, e.g. a bind-mount path
// with a space that word splitting turned into two nspawn arguments. A warning is worse: a
// value that writes lines of its own into the unit or env file (line injection), which a
// review of the spec must not miss; ctrlab predict shows it and reports carry it.
struct RenderNote {
  std::string path;     // JSON path of the option responsible, e.g. containers.web.bindMounts./a b
  std::string message;  // what happens, in a sentence
  bool warning = false;
};

// The scripts the module renders for a container, in the order systemd runs them.
enum class UnitScript { pre_start, start, container_init, post_start };
[[nodiscard]] std::string_view to_string(UnitScript script);  // preStart, start, containerInit, postStart
[[nodiscard]] std::optional<UnitScript> parse_unit_script(std::string_view name);

// Where bash stops reading one of those scripts (2018-2022: a value the module pastes into
// the source unquoted, e.g. an extraVeths name like `veth(1)`): the commands before it have
// run, the one it cannot read and everything after it never runs, and the script exits 2.
struct ScriptSyntaxError {
  UnitScript script = UnitScript::pre_start;
  std::string optionPath;  // the option whose value bash cannot read, e.g. containers.web.extraVeths.veth(1)
  std::string message;     // bash's, e.g. "syntax error near unexpected token `('"
};
inline constexpr int bash_syntax_error_status = 2;

struct ContainerPrediction {
  std::string unitName;  // container@NAME (container-NAME in 2014)
  std::optional<EnvFile> envFile;
  std::optional<ProfileFile> systemFile;  // where the start script reads one
  UnitDefinition unit;
  Argv nspawnArgv;
  HostOps hostOps;
  // The container init's commands in order, ending with {"stage-2-init"} when stage 2 is
  // reached; nullopt when nspawn would not run the init at all.
  std::optional<std::vector<Argv>> containerOps;
  std::vector<std::string> failedContainerAssertions;
  std::vector<RenderNote> notes;
  // The scripts bash stops reading, in the order they run (not in the ground truth; the JSON
  // carries them as "syntaxErrors"). When the start script is one, nspawnArgv is empty.
  std::vector<ScriptSyntaxError> syntaxErrors;
};

// Where bash stops reading that script of the container, if it does.
[[nodiscard]] const ScriptSyntaxError* syntax_error_in(const ContainerPrediction& container, UnitScript script);

// The module refusing the spec, e.g. an option this revision does not have.
struct ModuleError {
  std::string message;     // Nix's message, as the evaluator prints it
  std::string optionPath;  // e.g. containers.web.ephemeral
};

struct Prediction {
  Revision revision = newest_revision;
  std::optional<ModuleError> error;
  std::vector<std::string> failedAssertions;
  std::vector<std::string> warnings;
  std::string hosts;                            // networking.extraHosts
  std::map<std::string, std::string> etcFiles;  // absolute path -> text
  std::vector<std::string> serviceNames;
  std::optional<UnitDefinition> templateUnit;  // the container@ template, where the revision has one
  std::map<std::string, ContainerPrediction> containers;  // by container name
  std::vector<RenderNote> notes;  // about the scenario as a whole (e.g. options accepted but not rendered)
};

}  // namespace ctrlab::oracle
