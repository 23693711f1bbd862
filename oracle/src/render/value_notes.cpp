// Notes on spec values that the module's scripts treat in ways a user would not expect.
// Most values need none, so a note's JSON path is only spelled out when there is a note.
#include "ctrlab/oracle/address.hpp"
#include "render/container_config.hpp"
#include "render/render.hpp"
#include "scenario/json_node.hpp"
#include "shell/char_class.hpp"

namespace ctrlab::oracle::render {
namespace {

using scenario::child_path;
using scenario::element_path;

constexpr shell::CharClass white_space(" \t\n");
constexpr shell::CharClass glob_characters("*?[");
constexpr shell::CharClass shell_syntax("\"'\\$`;&|<>()#");

template <class Path>
void note_text(const Path& path, std::string_view value, std::vector<RenderNote>& notes) {
  if (white_space.any_of(value)) {
    notes.push_back({path(),
                     "holds white space: where the module's scripts expand it unquoted, bash splits it into "
                     "separate words (the predicted argv and ip commands show the split)"});
  }
  if (glob_characters.any_of(value)) {
    notes.push_back({path(),
                     "holds a glob character: bash's pathname expansion would match it against the host's files; "
                     "predicted as matching nothing, so the word stays as written"});
  }
  if (shell_syntax.any_of(value)) {
    notes.push_back({path(),
                     "holds quotes, backslashes or shell syntax: systemd's env-file parser and bash interpret them "
                     "where the value passes through; ctrlab models quotes, backslashes and comments only"});
  }
}

template <class Strings, class Text>
void note_list(const std::string& base, std::string_view option, const Strings& values, const Text& text,
               std::vector<RenderNote>& notes) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    note_text([&] { return element_path(child_path(base, option), i); }, text(values[i]), notes);
  }
}

void note_address_family(const std::string& base, std::string_view option, const Defined<NullOr<std::string>>& value,
                         bool expect_v6, std::vector<RenderNote>& notes) {
  const std::string* text = value_of(value);
  if (text == nullptr) return;
  const bool looks_v6 = text->find(':') != std::string::npos;
  if (looks_v6 == expect_v6) return;
  notes.push_back({child_path(base, option), std::string("holds an ") + (expect_v6 ? "IPv4" : "IPv6") +
                                                 " address in an option named for " + (expect_v6 ? "IPv6" : "IPv4") +
                                                 ": the module passes it on unchanged, and `ip` treats it by its own family"});
}

void note_network(const std::string& base, const NetworkOptions& network, std::vector<RenderNote>& notes) {
  if (const std::string* bridge = value_of(network.hostBridge)) {
    note_text([&] { return child_path(base, "hostBridge"); }, *bridge, notes);
  }
  note_address_family(base, "hostAddress", network.hostAddress, false, notes);
  note_address_family(base, "localAddress", network.localAddress, false, notes);
  note_address_family(base, "hostAddress6", network.hostAddress6, true, notes);
  note_address_family(base, "localAddress6", network.localAddress6, true, notes);
  if (network.forwardPorts) {
    for (std::size_t i = 0; i < network.forwardPorts->size(); ++i) {
      if (const auto& protocol = (*network.forwardPorts)[i].protocol) {
        note_text([&] { return child_path(element_path(child_path(base, "forwardPorts"), i), "protocol"); }, *protocol,
                  notes);
      }
    }
  }
}

std::string_view text_of(const std::string& value) { return value; }
std::string_view name_of(const InterfaceName& name) { return name.value; }

}  // namespace

void add_value_notes(const ContainerSpec& spec, std::vector<RenderNote>& notes) {
  const std::string base = child_path("containers", spec.name.value);
  note_text([&] { return base; }, spec.name.value, notes);
  if (spec.path) note_text([&] { return child_path(base, "path"); }, *spec.path, notes);
  if (spec.root) note_text([&] { return child_path(base, "root"); }, *spec.root, notes);
  note_network(base, spec.network, notes);
  if (spec.interfaces) note_list(base, "interfaces", *spec.interfaces, name_of, notes);
  if (spec.macvlans) note_list(base, "macvlans", *spec.macvlans, name_of, notes);
  if (spec.tmpfs) note_list(base, "tmpfs", *spec.tmpfs, text_of, notes);
  if (spec.extraFlags) note_list(base, "extraFlags", *spec.extraFlags, text_of, notes);
  if (spec.additionalCapabilities) note_list(base, "additionalCapabilities", *spec.additionalCapabilities, text_of, notes);
  if (spec.extraVeths) {
    for (const auto& [name, veth] : *spec.extraVeths) {
      const std::string veth_path = child_path(child_path(base, "extraVeths"), name.value);
      note_text([&] { return veth_path; }, name.value, notes);
      note_network(veth_path, veth, notes);
    }
  }
  if (spec.bindMounts) {
    for (const auto& mount : spec.bindMounts->entries) {
      const auto mount_path = [&] { return child_path(child_path(base, "bindMounts"), mount.name); };
      note_text(mount_path, mount.mountPoint ? *mount.mountPoint : mount.name, notes);
      if (const std::string* host_path = value_of(mount.hostPath)) {
        note_text([&] { return child_path(mount_path(), "hostPath"); }, *host_path, notes);
      }
    }
  }
}

}  // namespace ctrlab::oracle::render
