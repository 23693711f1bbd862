#include "render/container_config.hpp"

namespace ctrlab::oracle::render {
namespace {

template <class T>
std::span<const T> list_or_empty(const Defined<std::vector<T>>& option) {
  return option ? std::span<const T>(*option) : std::span<const T>();
}

const std::map<InterfaceName, NetworkOptions>& no_extra_veths() {
  static const std::map<InterfaceName, NetworkOptions> empty;
  return empty;
}

}  // namespace

ContainerConfig container_config(const ContainerSpec& spec, std::string_view path) {
  ContainerConfig cfg;
  cfg.spec = &spec;
  cfg.name = spec.name.value;
  cfg.path = path;
  cfg.privateNetwork = spec.privateNetwork.value_or(false);
  cfg.autoStart = spec.autoStart.value_or(false);
  cfg.ephemeral = spec.ephemeral.value_or(false);
  cfg.enableTun = spec.enableTun.value_or(false);
  cfg.hostBridge = value_of(spec.network.hostBridge);
  cfg.hostAddress = value_of(spec.network.hostAddress);
  cfg.hostAddress6 = value_of(spec.network.hostAddress6);
  cfg.localAddress = value_of(spec.network.localAddress);
  cfg.localAddress6 = value_of(spec.network.localAddress6);
  cfg.localMacAddress = value_of(spec.network.localMacAddress);
  cfg.networkNamespace = value_of(spec.networkNamespace);
  cfg.flake = value_of(spec.flake);
  if (spec.privateUsers) cfg.privateUsers = *spec.privateUsers;
  cfg.copyResolvConf = spec.copyResolvConf.value_or(true);
  cfg.restartIfChanged = spec.restartIfChanged.value_or(true);
  cfg.forwardPorts = list_or_empty(spec.network.forwardPorts);
  cfg.interfaces = list_or_empty(spec.interfaces);
  cfg.macvlans = list_or_empty(spec.macvlans);
  cfg.tmpfs = list_or_empty(spec.tmpfs);
  cfg.extraFlags = list_or_empty(spec.extraFlags);
  cfg.additionalCapabilities = list_or_empty(spec.additionalCapabilities);
  cfg.allowedDevices = list_or_empty(spec.allowedDevices);
  cfg.extraVeths = spec.extraVeths ? &*spec.extraVeths : &no_extra_veths();
  if (spec.bindMounts) cfg.bindMounts = spec.bindMounts->entries;
  if (spec.timeoutStartSec) cfg.timeoutStartSec = *spec.timeoutStartSec;
  return cfg;
}

std::string host_port_value(std::span<const ForwardPort> ports) {
  std::string value;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const ForwardPort& port = ports[i];
    if (i != 0) value += ',';
    value += port.protocol ? *port.protocol : std::string("tcp");
    value += ':';
    value += std::to_string(port.hostPort);
    value += ':';
    const bool has_container_port = port.containerPort && *port.containerPort;
    value += std::to_string(has_container_port ? **port.containerPort : port.hostPort);
  }
  return value;
}

std::string extra_nspawn_flags_value(const ContainerConfig& cfg) {
  std::string value;
  for (const BindMount& mount : cfg.bindMounts) {
    value += mount.isReadOnly.value_or(true) ? " --bind-ro=" : " --bind=";
    const std::string& mount_point = mount.mountPoint ? *mount.mountPoint : mount.name;
    if (const std::string* host_path = value_of(mount.hostPath)) {
      value += *host_path;
      value += ':';
    }
    value += mount_point;
  }
  if (!cfg.extraFlags.empty()) {
    value += ' ';
    value += join(cfg.extraFlags, " ");
  }
  return value;
}

std::string join(std::span<const InterfaceName> names, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out += separator;
    out += names[i].value;
  }
  return out;
}

std::string join(std::span<const std::string> strings, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i != 0) out += separator;
    out += strings[i];
  }
  return out;
}

}  // namespace ctrlab::oracle::render
