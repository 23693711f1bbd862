// 2025 builds the unit's scripts with enableStrictShellChecks (nixos/lib/systemd-lib.nix
// makeJobScript: writeShellApplication), whose check runs `bash -n`: a script bash cannot read
// fails the build, where 2018-2022 installed it and failed when the unit ran it. Spec values
// reach the scripts' source where nixos-containers.nix (00ef614e) interpolates them: each such
// line is checked with the module's own quoting around the value (the rest of the module's text
// closes every quote it opens).
#include "nix/nix_text.hpp"
#include "render/container_config.hpp"
#include "render/render.hpp"
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
    lines.push_back({"preStart", child_path(child_path(base, "extraVeths"), name.value),
                     concat("ip link del dev ", name.value, " 2> /dev/null || true ")});
  }
}

void start_lines(const ContainerConfig& cfg, const std::string& base, std::vector<SourceLine>& lines) {
  if (!cfg.additionalCapabilities.empty()) {
    lines.push_back({"start", child_path(base, "additionalCapabilities"),
                     concat("--capability=\"", join(cfg.additionalCapabilities, ","), "\" \\")});
  }
  if (!cfg.tmpfs.empty()) {
    lines.push_back({"start", child_path(base, "tmpfs"), concat("--tmpfs=", join(cfg.tmpfs, " --tmpfs="), " \\")});
  }
}

void post_start_lines(const ContainerConfig& cfg, const std::string& base, std::vector<SourceLine>& lines) {
  const auto address = [&](const std::string& option_base, std::string_view option, const std::string* value,
                           std::string_view command, std::string_view device) {
    if (value != nullptr) {
      lines.push_back({"postStart", child_path(option_base, option), concat(command, " add ", *value, " dev ", device)});
    }
  };
  address(base, "hostAddress", cfg.hostAddress, "ip addr", "\"$ifaceHost\"");
  address(base, "hostAddress6", cfg.hostAddress6, "ip -6 addr", "\"$ifaceHost\"");
  address(base, "localAddress", cfg.localAddress, "ip route", "\"$ifaceHost\"");
  address(base, "localAddress6", cfg.localAddress6, "ip -6 route", "\"$ifaceHost\"");
  for (const auto& [veth_name, veth] : *cfg.extraVeths) {
    const std::string& name = veth_name.value;
    const std::string veth_base = child_path(child_path(base, "extraVeths"), name);
    const std::string device = concat("\"", name, "\"");
    if (const std::string* bridge = value_of(veth.hostBridge)) {
      lines.push_back({"postStart", veth_base, concat("# Add ", name, " to bridge ", *bridge)});
      lines.push_back({"postStart", veth_base, concat("ip link set dev ", device, " master \"", *bridge, "\" up")});
      continue;
    }
    lines.push_back({"postStart", veth_base, concat("echo \"Bring ", name, " up\"")});
    lines.push_back({"postStart", veth_base, concat("ip link set dev ", device, " up")});
    lines.push_back({"postStart", veth_base, concat("# Set IPs and routes for ", name)});
    address(veth_base, "hostAddress", value_of(veth.hostAddress), "ip addr", device);
    address(veth_base, "hostAddress6", value_of(veth.hostAddress6), "ip -6 addr", device);
    address(veth_base, "localAddress", value_of(veth.localAddress), "ip route", device);
    address(veth_base, "localAddress6", value_of(veth.localAddress6), "ip -6 route", device);
  }
}

}  // namespace

std::optional<ModuleError> unbuildable_script(const ModuleRevision& module, const ContainerConfig& cfg) {
  if (!module.strictShellChecks) return std::nullopt;
  const std::string base = child_path("containers", cfg.name);
  std::vector<SourceLine> lines;
  pre_start_lines(cfg, base, lines);
  start_lines(cfg, base, lines);
  post_start_lines(cfg, base, lines);
  for (const SourceLine& line : lines) {
    if (const auto problem = shell::unclosed_quote(line.text)) {
      return ModuleError{nix::evaluator_error(concat("building the ", line.script, " script of container@", cfg.name,
                                                     " fails: bash -n cannot read it (", *problem, ") where ",
                                                     line.option, " is written into it")),
                         line.option};
    }
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::render
