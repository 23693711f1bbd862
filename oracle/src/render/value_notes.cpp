// Notes on spec values that the module's scripts treat in ways a user would not expect, and
// warnings for values that write lines of their own into the env file. Most values need
// none, so a note's JSON path is only spelled out when there is a note.
#include <algorithm>

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
constexpr shell::CharClass line_breaks("\n\r");

// Walks a container's values, each with its JSON path, and notes what is surprising.
class ValueNotes {
 public:
  ValueNotes(const EnvFileAsRead& env_file, std::vector<RenderNote>& notes) : env_file_(env_file), notes_(notes) {}

  template <class Path>
  void text(const Path& path, std::string_view value) {
    env_injection(path, value);
    if (white_space.any_of(value)) {
      notes_.push_back({path(),
                        "holds white space: where the module's scripts expand it unquoted, bash splits it into "
                        "separate words (the predicted argv and ip commands show the split)"});
    }
    if (glob_characters.any_of(value)) {
      notes_.push_back({path(),
                        "holds a glob character: bash's pathname expansion would match it against the host's files; "
                        "predicted as matching nothing, so the word stays as written"});
    }
    if (shell_syntax.any_of(value)) {
      notes_.push_back({path(),
                        "holds quotes, backslashes or shell syntax: systemd's env-file parser and bash interpret them "
                        "where the value passes through; ctrlab models their quoting and where bash cannot read a "
                        "script, not what a command substitution or redirection would do"});
    }
  }

  // A value the scripts only ever expand in quotes (2025's flake and networkNamespace): what
  // matters is what it writes into the env file.
  template <class Path>
  void quoted_text(const Path& path, std::string_view value) {
    env_injection(path, value);
  }

  template <class Strings, class Text>
  void list(const std::string& base, std::string_view option, const Strings& values, const Text& text_of) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      text([&] { return element_path(child_path(base, option), i); }, text_of(values[i]));
    }
  }

  void address_family(const std::string& base, std::string_view option, const Defined<NullOr<std::string>>& value,
                      bool expect_v6) {
    const std::string* address = value_of(value);
    if (address == nullptr) return;
    const bool looks_v6 = address->find(':') != std::string::npos;
    if (looks_v6 == expect_v6) return;
    notes_.push_back({child_path(base, option),
                      std::string("holds an ") + (expect_v6 ? "IPv4" : "IPv6") + " address in an option named for " +
                          (expect_v6 ? "IPv6" : "IPv4") +
                          ": the module passes it on unchanged, and `ip` treats it by its own family"});
  }

  void network(const std::string& base, const NetworkOptions& network) {
    if (const std::string* bridge = value_of(network.hostBridge)) {
      text([&] { return child_path(base, "hostBridge"); }, *bridge);
    }
    address(base, "hostAddress", network.hostAddress, false);
    address(base, "localAddress", network.localAddress, false);
    address(base, "hostAddress6", network.hostAddress6, true);
    address(base, "localAddress6", network.localAddress6, true);
    if (network.forwardPorts) {
      for (std::size_t i = 0; i < network.forwardPorts->size(); ++i) {
        if (const auto& protocol = (*network.forwardPorts)[i].protocol) {
          text([&] { return child_path(element_path(child_path(base, "forwardPorts"), i), "protocol"); }, *protocol);
        }
      }
    }
  }

 private:
  // An address: its family, and (it may hold a line break) what it writes into the env file.
  void address(const std::string& base, std::string_view option, const Defined<NullOr<std::string>>& value,
               bool expect_v6) {
    address_family(base, option, value, expect_v6);
    if (const std::string* text = value_of(value)) env_injection([&] { return child_path(base, option); }, *text);
  }

  // The assignments the text after a line break in `value` makes, if the env file systemd
  // reads has them: this value wrote them as lines of their own.
  template <class Path>
  void env_injection(const Path& path, std::string_view value) {
    if (env_file_.readBySystemd == nullptr) return;
    const auto first_break = std::find_if(value.begin(), value.end(), [](char c) { return line_breaks.contains(c); });
    if (first_break == value.end()) return;
    const shell::Environment tail = shell::parse_environment_file(value.substr(static_cast<std::size_t>(first_break - value.begin())));
    tail.for_each_assignment([&](std::string_view name, std::string_view assigned) {
      bool read = false;
      env_file_.readBySystemd->for_each_assignment(
          [&](std::string_view file_name, std::string_view file_value) { read = read || (file_name == name && file_value == assigned); });
      if (!read) return;
      notes_.push_back({path(),
                        "holds a line break: NixOS writes it into " + std::string(env_file_.path) +
                            " as it is, and systemd reads the line after the break as an assignment of its own: " +
                            std::string(name) + "=" + std::string(assigned) +
                            " (line injection; the predicted env file and scripts are what systemd reads)",
                        true});
    });
  }

  const EnvFileAsRead& env_file_;
  std::vector<RenderNote>& notes_;
};

std::string_view text_of(const std::string& value) { return value; }
std::string_view name_of(const InterfaceName& name) { return name.value; }

}  // namespace

void add_value_notes(const ContainerSpec& spec, const EnvFileAsRead& env_file, std::vector<RenderNote>& notes) {
  ValueNotes note(env_file, notes);
  const std::string base = child_path("containers", spec.name.value);
  note.text([&] { return base; }, spec.name.value);
  if (spec.path) note.text([&] { return child_path(base, "path"); }, *spec.path);
  if (spec.root) note.text([&] { return child_path(base, "root"); }, *spec.root);
  note.network(base, spec.network);
  if (const std::string* flake = value_of(spec.flake)) note.quoted_text([&] { return child_path(base, "flake"); }, *flake);
  if (const std::string* path = value_of(spec.networkNamespace)) {
    note.quoted_text([&] { return child_path(base, "networkNamespace"); }, *path);
  }
  if (spec.interfaces) note.list(base, "interfaces", *spec.interfaces, name_of);
  if (spec.macvlans) note.list(base, "macvlans", *spec.macvlans, name_of);
  if (spec.tmpfs) note.list(base, "tmpfs", *spec.tmpfs, text_of);
  if (spec.extraFlags) note.list(base, "extraFlags", *spec.extraFlags, text_of);
  if (spec.additionalCapabilities) note.list(base, "additionalCapabilities", *spec.additionalCapabilities, text_of);
  if (spec.extraVeths) {
    for (const auto& [name, veth] : *spec.extraVeths) {
      const std::string veth_path = child_path(child_path(base, "extraVeths"), name.value);
      note.text([&] { return veth_path; }, name.value);
      note.network(veth_path, veth);
    }
  }
  if (spec.bindMounts) {
    for (const auto& mount : spec.bindMounts->entries) {
      const auto mount_path = [&] { return child_path(child_path(base, "bindMounts"), mount.name); };
      note.text(mount_path, mount.mountPoint ? *mount.mountPoint : mount.name);
      if (const std::string* host_path = value_of(mount.hostPath)) {
        note.text([&] { return child_path(mount_path(), "hostPath"); }, *host_path);
      }
    }
  }
}

}  // namespace ctrlab::oracle::render
