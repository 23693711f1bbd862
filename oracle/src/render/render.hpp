#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "render/module_revision.hpp"
#include "shell/systemd_env_file.hpp"

// The parts of predict(): the module's refusal, and the two modules' renderers.
namespace ctrlab::oracle::render {

// The error Nix stops with when the module cannot take the spec (an option this revision
// does not declare, the removed `pkgs`, a missing `path`, bindMounts of the wrong type).
[[nodiscard]] std::optional<ModuleError> module_refusal(const Scenario& scenario, const ModuleRevision& module);

struct ContainerConfig;

// 2025: the build of a unit script that bash cannot read (`bash -n`) fails.
[[nodiscard]] std::optional<ModuleError> unbuildable_script(const ModuleRevision& module, const ContainerConfig& cfg);

// The assertions the module adds to a container's own configuration, about its name.
enum class NameAssertion {
  short_on_old_kernel,  // 2021+: at most 11 characters with privateNetwork on Linux up to 5.8
  no_underscore,        // 2025
};
struct FailedAssertion {
  NameAssertion assertion;
  std::string message;  // as NixOS reports it
};
// The assertion failures a container of this name would report from its own configuration.
[[nodiscard]] std::vector<FailedAssertion> container_assertions(const ModuleRevision& module, const HostFacts& host,
                                                                const ContainerSpec& spec);

void predict_declarative_module(const Scenario& scenario, const ModuleRevision& module, Prediction& prediction);
void predict_module_2014(const Scenario& scenario, const ModuleRevision& module, Prediction& prediction);

// The container's system path: `path`, or for a container defined by `config` alone a
// placeholder store path (ctrlab does not evaluate `config`), which a note explains.
[[nodiscard]] std::string system_path(const ContainerSpec& spec, std::vector<RenderNote>& notes);

// Notes on spec values that the scripts treat in surprising ways (white space, patterns, quotes),
// and a warning for each value whose line break writes an assignment of its own into the
// env file (one that systemd reads from it), naming the assignment.
struct EnvFileAsRead {
  std::string_view path;                               // e.g. /etc/nixos-containers/web.conf
  const shell::Environment* readBySystemd = nullptr;  // nullptr: the revision writes none
};
void add_value_notes(const ContainerSpec& spec, const EnvFileAsRead& env_file, std::vector<RenderNote>& notes);

// Replaces the unit's sections by what systemd reads back from the file NixOS writes, with a
// warning for each directive a spec value injects or changes.
void read_back_unit(UnitDefinition& unit, const ContainerSpec& spec, std::vector<RenderNote>& notes);

}  // namespace ctrlab::oracle::render
