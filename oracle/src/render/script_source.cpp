#include "render/script_source.hpp"

#include "render/words.hpp"

namespace ctrlab::oracle::render {
namespace {

// `COMMAND VALUE dev DEVICE`, where the option has a value.
void add_address_line(std::string& source, std::string_view command, const std::string* value, std::string_view device) {
  if (value != nullptr) source += concat(command, " add ", *value, " dev ", device, "\n");
}

}  // namespace

std::string capability_words(const ContainerConfig& cfg, std::string_view separator) {
  std::string joined = join(cfg.additionalCapabilities, separator);
  if (cfg.enableTun) {
    if (!cfg.additionalCapabilities.empty()) joined += separator;
    joined += "CAP_NET_ADMIN";
  }
  return joined;
}

std::string pre_start_extra_veth_source(const std::string& name) {
  return concat("ip link del dev ", name, " 2> /dev/null || true ");
}

std::string post_start_extra_veth_source(const ModuleRevision& module, const std::string& name, const NetworkOptions& veth) {
  // 2025 writes the device and the bridge in double quotes.
  const auto quoted = [&](const std::string& text) { return module.postStartQuotes ? concat("\"", text, "\"") : text; };
  const std::string device = quoted(name);
  if (const std::string* bridge = value_of(veth.hostBridge)) {
    return concat("# Add ", name, " to bridge ", *bridge, "\nip link set dev ", device, " master ", quoted(*bridge), " up\n");
  }
  std::string source;
  if (module.hostBringsExtraVethUp) source += concat("echo \"Bring ", name, " up\"\nip link set dev ", device, " up\n");
  source += concat("# Set IPs and routes for ", name, "\n");
  add_address_line(source, "ip addr", value_of(veth.hostAddress), device);
  add_address_line(source, "ip -6 addr", value_of(veth.hostAddress6), device);
  add_address_line(source, "ip route", value_of(veth.localAddress), device);
  add_address_line(source, "ip -6 route", value_of(veth.localAddress6), device);
  return source;
}

std::string init_extra_veth_source(const std::string& name, const NetworkOptions& veth) {
  std::string source = concat("echo \"Bringing ", name, " up\"\nip link set dev ", name, " up\n");
  const auto step = [&](std::string_view what, std::string_view command, const std::string* value) {
    if (value == nullptr) return;
    source += concat("echo \"Setting ", what, " for ", name, "\"\n");
    add_address_line(source, command, value, name);
  };
  step("ip", "ip addr", value_of(veth.localAddress));
  step("ip6", "ip -6 addr", value_of(veth.localAddress6));
  step("route to host", "ip route", value_of(veth.hostAddress));
  step("route6 to host", "ip -6 route", value_of(veth.hostAddress6));
  return source;
}

std::string start_extra_veth_flags_source(const ContainerConfig& cfg) {
  if (cfg.extraVeths->empty()) return "";
  std::string flags;
  for (const auto& [name, veth] : *cfg.extraVeths) flags += concat(flags.empty() ? "" : " ", "--network-veth-extra=", name.value);
  return concat("extraFlags+=\" ", flags, "\"");
}

namespace {

// `exec systemd-nspawn ...` with one of its options that values are written into.
std::string exec_with(const std::string& option) { return concat("exec systemd-nspawn \\\n", option, " \\\n  /init\n"); }

}  // namespace

std::string start_exec_capability_source(const ModuleRevision& module, const ContainerConfig& cfg) {
  if (cfg.additionalCapabilities.empty() && !cfg.enableTun) return "";
  return exec_with(concat("  --capability=\"", capability_words(cfg, module.capabilitySeparator), "\""));
}

std::string start_exec_tmpfs_source(const ContainerConfig& cfg) {
  if (cfg.tmpfs.empty()) return "";
  return exec_with(concat("  --tmpfs=", join(cfg.tmpfs, " --tmpfs=")));
}

}  // namespace ctrlab::oracle::render
