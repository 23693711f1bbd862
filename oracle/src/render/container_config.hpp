#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/scenario.hpp"

// A container's options with the module's defaults applied: the `cfg` the module's
// functions receive. Views into the ContainerSpec, which must outlive it.
namespace ctrlab::oracle::render {

// A nullOr option's value: nullptr for null (or undefined, whose default is null).
[[nodiscard]] inline const std::string* value_of(const Defined<NullOr<std::string>>& option) {
  return option && *option ? &**option : nullptr;
}

struct ContainerConfig {
  const ContainerSpec* spec = nullptr;
  std::string_view name;
  std::string_view path;
  bool privateNetwork = false;
  bool autoStart = false;
  bool ephemeral = false;
  bool enableTun = false;
  const std::string* hostBridge = nullptr;
  const std::string* hostAddress = nullptr;
  const std::string* hostAddress6 = nullptr;
  const std::string* localAddress = nullptr;
  const std::string* localAddress6 = nullptr;
  const std::string* localMacAddress = nullptr;   // 2025
  const std::string* networkNamespace = nullptr;  // 2025
  const std::string* flake = nullptr;             // 2025
  PrivateUsers privateUsers;                      // 2025
  bool copyResolvConf = true;                     // 2025
  bool restartIfChanged = true;                   // 2025
  std::span<const ForwardPort> forwardPorts;
  std::span<const InterfaceName> interfaces;
  std::span<const InterfaceName> macvlans;
  std::span<const std::string> tmpfs;
  std::span<const std::string> extraFlags;
  std::span<const std::string> additionalCapabilities;  // as given; enableTun adds CAP_NET_ADMIN
  std::span<const AllowedDevice> allowedDevices;        // as given; enableTun adds /dev/net/tun
  const std::map<InterfaceName, NetworkOptions>* extraVeths = nullptr;  // never null
  std::span<const BindMount> bindMounts;
  std::string_view timeoutStartSec = "1min";
};

// `path` must already be known (the caller handles a spec without one).
[[nodiscard]] ContainerConfig container_config(const ContainerSpec& spec, std::string_view path);

// lib.concatStringsSep "," (map mkPortStr cfg.forwardPorts): protocol:hostPort:containerPort.
[[nodiscard]] std::string host_port_value(std::span<const ForwardPort> ports);
// mkBindFlags cfg.bindMounts + the extra flags: the value of EXTRA_NSPAWN_FLAGS.
[[nodiscard]] std::string extra_nspawn_flags_value(const ContainerConfig& cfg);
// toString of a list: its elements joined with spaces.
[[nodiscard]] std::string join(std::span<const InterfaceName> names, std::string_view separator);
[[nodiscard]] std::string join(std::span<const std::string> strings, std::string_view separator);

}  // namespace ctrlab::oracle::render
