#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"

// The host's own network before any container starts: the scenario's `host.network`
// section plus the host facts the effects model needs (machine-id, kernel version).
//
//   "network": {
//     "interfaces": {
//       "br0":  { "kind": "bridge", "addresses": ["192.168.0.1/24", "fc00::1/7"] },
//       "eth1": { "kind": "device", "mac": "52:54:00:12:34:56", "up": true },
//       "dm0":  { "kind": "dummy", "master": "br0" }
//     },
//     "ipForward": false
//   }
//
// kind: bridge | dummy | device (a physical NIC; it has carrier when up). `up` defaults to
// true, `addresses` to none, `mac` to unknown (the kernel's choice), `master` to none (the name
// of a bridge; a bridge itself has none: Linux refuses to make a bridge a port).
namespace ctrlab::oracle {

struct KernelVersion {
  unsigned major = 6;
  unsigned minor = 1;

  // "6", "6.1", "6.1.31", "5.4.190-foo"; nullopt unless it starts with a number.
  [[nodiscard]] static std::optional<KernelVersion> parse(std::string_view text);
  [[nodiscard]] bool at_least(unsigned want_major, unsigned want_minor) const {
    return major > want_major || (major == want_major && minor >= want_minor);
  }
};

struct HostInterface {
  std::string name;
  LinkKind kind = LinkKind::device;
  bool up = true;
  std::vector<IpPrefix> addresses;
  std::optional<MacAddress> mac;
  std::optional<std::string> master;
};

struct HostNetwork {
  // The machine-id of the host that runs nspawn; without it nspawn's MACs (and the
  // link-local addresses derived from them) are predicted as the kernel's choice.
  std::optional<MachineId> machine_id;
  KernelVersion kernel;
  std::vector<HostInterface> interfaces;  // in the order they are created
  bool ip_forward = false;                // net.ipv4.ip_forward / ipv6 forwarding on the host
};

struct HostFacts;  // scenario.hpp

// Reads `host.network` (the object above) at JSON path `path`, for the scenario parser and
// whoever else has one. Throws InputError naming the offending path and the expected form.
[[nodiscard]] HostNetwork parse_host_network(const nlohmann::json& network, const std::string& path);
// The effects model's view of a scenario's host: its `network` plus `machineId` and
// `kernelVersion`.
[[nodiscard]] HostNetwork host_network_of(const HostFacts& host);

void to_json(nlohmann::json& json, const HostNetwork& network);

}  // namespace ctrlab::oracle
