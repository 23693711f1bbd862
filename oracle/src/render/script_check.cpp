// 2025 builds the unit's scripts with enableStrictShellChecks (nixos/lib/systemd-lib.nix
// makeJobScript: writeShellApplication), whose check runs `bash -n`: a script bash cannot read
// fails the build, where 2018-2022 installed it and failed when the unit ran it
// (script_reading.hpp). Spec values reach the scripts' source where nixos-containers.nix
// (00ef614e) interpolates them: each such part is checked as the module writes it
// (script_source.hpp; the rest of the module's text closes every quote it opens).
#include "nix/nix_text.hpp"
#include "render/container_config.hpp"
#include "render/render.hpp"
#include "render/script_source.hpp"
#include "render/words.hpp"
#include "scenario/json_node.hpp"
#include "shell/bash_syntax.hpp"

namespace ctrlab::oracle::render {
namespace {

using scenario::child_path;

// A line of a script's source with a value in it, and the option the value comes from.
struct SourceLine {
  std::string_view script;  // preStart, start or postStart
  std::string option;       // JSON path of the option
  std::string text;
};

void pre_start_lines(const ContainerConfig& cfg, const std::string& base, std::vector<SourceLine>& lines) {
  for (const auto& [name, veth] : *cfg.extraVeths) {
    lines.push_back({"preStart", child_path(child_path(base, "extraVeths"), name.value), pre_start_extra_veth_source(name.value)});
  }
}

void start_lines(const ModuleRevision& module, const ContainerConfig& cfg, const std::string& base,
                 std::vector<SourceLine>& lines) {
  lines.push_back({"start", child_path(base, "additionalCapabilities"), start_exec_capability_source(module, cfg)});
  lines.push_back({"start", child_path(base, "tmpfs"), start_exec_tmpfs_source(cfg)});
}

void post_start_lines(const ModuleRevision& module, const ContainerConfig& cfg, const std::string& base,
                      std::vector<SourceLine>& lines) {
  const auto address = [&](std::string_view option, const std::string* value, std::string_view command) {
    if (value != nullptr) {
      lines.push_back({"postStart", child_path(base, option), concat(command, " add ", *value, " dev \"$ifaceHost\"")});
    }
  };
  address("hostAddress", cfg.hostAddress, "ip addr");
  address("hostAddress6", cfg.hostAddress6, "ip -6 addr");
  address("localAddress", cfg.localAddress, "ip route");
  address("localAddress6", cfg.localAddress6, "ip -6 route");
  for (const auto& [name, veth] : *cfg.extraVeths) {
    lines.push_back({"postStart", child_path(child_path(base, "extraVeths"), name.value),
                     post_start_extra_veth_source(module, name.value, veth)});
  }
}

}  // namespace

std::optional<ModuleError> unbuildable_script(const ModuleRevision& module, const ContainerConfig& cfg) {
  if (!module.strictShellChecks) return std::nullopt;
  const std::string base = child_path("containers", cfg.name);
  std::vector<SourceLine> lines;
  pre_start_lines(cfg, base, lines);
  start_lines(module, cfg, base, lines);
  post_start_lines(module, cfg, base, lines);
  for (const SourceLine& line : lines) {
    if (const auto problem = shell::syntax_error(line.text)) {
      return ModuleError{nix::evaluator_error(concat("building the ", line.script, " script of container@", cfg.name,
                                                     " fails: bash -n cannot read it (", *problem, ") where ",
                                                     line.option, " is written into it")),
                         line.option};
    }
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::render
