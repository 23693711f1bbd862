// The 2025 env file (/etc/<configurationName>/<name>.conf), as nixpkgs
// nixos/modules/virtualisation/nixos-containers.nix at 00ef614e lays it out: 2022's assignments,
// SYSTEM_PATH written only without a flake (FLAKE= with one), COPY_RESOLV_CONF always,
// LOCAL_MAC_ADDRESS in the private-network block, NETWORK_NAMESPACE_PATH after it and
// PRIVATE_USERS always. Checked byte for byte against tests/data/groundtruth (*.2025.json).
#include <string>
#include <string_view>

#include "render/render_context.hpp"

namespace ctrlab::oracle::render {
namespace {

// The module writes the file as a Nix indented string, one `${optionalString COND ''...''}`
// per line for what it writes only sometimes. Interpolations are never re-indented, and each
// keeps the line break after it: an assignment it writes is followed by an empty line, one it
// leaves out leaves an empty line (nix/indented_string.hpp explains the rule).
class EnvFileText {
 public:
  void always(std::string_view name, std::string_view value) { text_.append(name).append("=").append(value) += '\n'; }

  void when(bool written, std::string_view name, std::string_view value) {
    if (written) always(name, value);
    text_ += '\n';
  }

  void when(std::string_view name, const std::string* value) { when(value != nullptr, name, value ? *value : ""); }

  // A block of lines written only when `written` holds, followed by its own line's break.
  template <class Lines>
  void block(bool written, const Lines& lines) {
    if (written) lines(*this);
    text_ += '\n';
  }

  [[nodiscard]] std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

std::string quoted(std::string_view value) { return "\"" + std::string(value) + "\""; }

}  // namespace

std::string env_file_2025(const RenderContext& /*context*/, const ContainerConfig& cfg) {
  EnvFileText file;
  file.when(cfg.flake == nullptr, "SYSTEM_PATH", cfg.path);
  file.when("FLAKE", cfg.flake);
  file.always("COPY_RESOLV_CONF", cfg.copyResolvConf ? "1" : "0");
  file.block(cfg.privateNetwork, [&](EnvFileText& network) {
    network.always("PRIVATE_NETWORK", "1");
    network.when("HOST_BRIDGE", cfg.hostBridge);
    network.when(!cfg.forwardPorts.empty(), "HOST_PORT", host_port_value(cfg.forwardPorts));
    network.when("HOST_ADDRESS", cfg.hostAddress);
    network.when("HOST_ADDRESS6", cfg.hostAddress6);
    network.when("LOCAL_ADDRESS", cfg.localAddress);
    network.when("LOCAL_ADDRESS6", cfg.localAddress6);
    network.when("LOCAL_MAC_ADDRESS", cfg.localMacAddress);
  });
  file.when("NETWORK_NAMESPACE_PATH", cfg.networkNamespace);
  file.always("PRIVATE_USERS", cfg.privateUsers.text());
  file.always("INTERFACES", quoted(join(cfg.interfaces, " ")));
  file.always("MACVLANS", quoted(join(cfg.macvlans, " ")));
  file.when(cfg.autoStart, "AUTO_START", "1");
  file.always("EXTRA_NSPAWN_FLAGS", quoted(extra_nspawn_flags_value(cfg)));
  return file.take();
}

}  // namespace ctrlab::oracle::render
