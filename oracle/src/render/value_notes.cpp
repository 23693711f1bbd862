// Notes on spec values that the module's scripts treat in ways a user would not expect.
#include "ctrlab/oracle/address.hpp"
#include "render/container_config.hpp"
#include "render/render.hpp"
#include "scenario/json_node.hpp"

namespace ctrlab::oracle::render {
namespace {

using scenario::child_path;
using scenario::element_path;

void note_text(const std::string& json_path, std::string_view value, std::vector<RenderNote>& notes) {
  if (value.find_first_of(" \t\n") != std::string_view::npos) {
    notes.push_back({json_path,
                     "holds white space: where the module's scripts expand it unquoted, bash splits it into "
                     "separate words (the predicted argv and ip commands show the split)"});
  }
  if (value.find_first_of("*?[") != std::string_view::npos) {
    notes.push_back({json_path,
                     "holds a glob character: bash's pathname expansion would match it against the host's files; "
                     "predicted as matching nothing, so the word stays as written"});
  }
  if (value.find_first_of("\"'\\$`;&|<>()#") != std::string_view::npos) {
    notes.push_back({json_path,
                     "holds quotes, backslashes or shell syntax: systemd's env-file parser and bash interpret them "
                     "where the value passes through; ctrlab models quotes, backslashes and comments only"});
  }
}

void note_list(const std::string& json_path, const std::vector<std::string>& values, std::vector<RenderNote>& notes) {
  for (std::size_t i = 0; i < values.size(); ++i) note_text(element_path(json_path, i), values[i], notes);
}

void note_names(const std::string& json_path, const std::vector<InterfaceName>& values, std::vector<RenderNote>& notes) {
  for (std::size_t i = 0; i < values.size(); ++i) note_text(element_path(json_path, i), values[i].value, notes);
}

void note_address_family(const std::string& json_path, const Defined<NullOr<std::string>>& option, bool expect_v6,
                         std::vector<RenderNote>& notes) {
  const std::string* value = value_of(option);
  if (value == nullptr) return;
  const auto prefix = IpPrefix::parse(*value);
  if (!prefix || (prefix->address.family == AddressFamily::ipv6) == expect_v6) return;
  notes.push_back({json_path, std::string("holds an ") + (expect_v6 ? "IPv4" : "IPv6") +
                                  " address in an option named for " + (expect_v6 ? "IPv6" : "IPv4") +
                                  ": the module passes it on unchanged, and `ip` treats it by its own family"});
}

void note_network(const std::string& json_path, const NetworkOptions& network, std::vector<RenderNote>& notes) {
  if (const std::string* bridge = value_of(network.hostBridge)) note_text(child_path(json_path, "hostBridge"), *bridge, notes);
  note_address_family(child_path(json_path, "hostAddress"), network.hostAddress, false, notes);
  note_address_family(child_path(json_path, "localAddress"), network.localAddress, false, notes);
  note_address_family(child_path(json_path, "hostAddress6"), network.hostAddress6, true, notes);
  note_address_family(child_path(json_path, "localAddress6"), network.localAddress6, true, notes);
  if (network.forwardPorts) {
    for (std::size_t i = 0; i < network.forwardPorts->size(); ++i) {
      const auto& port = (*network.forwardPorts)[i];
      if (port.protocol) {
        note_text(child_path(element_path(child_path(json_path, "forwardPorts"), i), "protocol"), *port.protocol, notes);
      }
    }
  }
}

}  // namespace

void add_value_notes(const ContainerSpec& spec, std::vector<RenderNote>& notes) {
  const std::string base = child_path("containers", spec.name.value);
  note_text(base, spec.name.value, notes);
  if (spec.path) note_text(child_path(base, "path"), *spec.path, notes);
  if (spec.root) note_text(child_path(base, "root"), *spec.root, notes);
  note_network(base, spec.network, notes);
  if (spec.interfaces) note_names(child_path(base, "interfaces"), *spec.interfaces, notes);
  if (spec.macvlans) note_names(child_path(base, "macvlans"), *spec.macvlans, notes);
  if (spec.tmpfs) note_list(child_path(base, "tmpfs"), *spec.tmpfs, notes);
  if (spec.extraFlags) note_list(child_path(base, "extraFlags"), *spec.extraFlags, notes);
  if (spec.additionalCapabilities) note_list(child_path(base, "additionalCapabilities"), *spec.additionalCapabilities, notes);
  if (spec.extraVeths) {
    for (const auto& [name, veth] : *spec.extraVeths) {
      const std::string veth_path = child_path(child_path(base, "extraVeths"), name.value);
      note_text(veth_path, name.value, notes);
      note_network(veth_path, veth, notes);
    }
  }
  if (spec.bindMounts) {
    for (const auto& mount : spec.bindMounts->entries) {
      const std::string mount_path = child_path(child_path(base, "bindMounts"), mount.name);
      note_text(mount_path, mount.mountPoint.value_or(mount.name), notes);
      if (const std::string* host_path = value_of(mount.hostPath)) note_text(child_path(mount_path, "hostPath"), *host_path, notes);
    }
  }
}

}  // namespace ctrlab::oracle::render
