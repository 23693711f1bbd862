#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ctrlab/oracle/address.hpp"

// Ethernet MAC addresses, the machine-id, and the MACs systemd-nspawn derives from them
// (systemd's generate_mac(); tests/effects/mac_test.cpp holds MACs nspawn 252 gave), so that
// the IPv6 link-local addresses of nspawn's links can be predicted too.
namespace ctrlab::oracle {

struct MacAddress {
  std::array<std::uint8_t, 6> bytes{};

  // Parses "0a:96:91:41:01:c1" (case-insensitive); nullopt for anything else.
  [[nodiscard]] static std::optional<MacAddress> parse(std::string_view text);
  // Lowercase, colon-separated, as `ip link` prints it.
  [[nodiscard]] std::string to_string() const;

  friend auto operator<=>(const MacAddress&, const MacAddress&) = default;
};

// The 128-bit id of the host that runs nspawn, as in /etc/machine-id (32 hex digits).
struct MachineId {
  std::array<std::uint8_t, 16> bytes{};

  // Parses exactly 32 hex digits; nullopt for anything else.
  [[nodiscard]] static std::optional<MachineId> parse(std::string_view text);
  [[nodiscard]] std::string to_string() const;  // 32 lowercase hex digits

  friend auto operator<=>(const MachineId&, const MachineId&) = default;
};

// Which of nspawn's links a MAC is for; each has its own hash key.
enum class NspawnMacRole {
  veth_host,             // ve-/vb- (HOST_HASH_KEY)
  veth_container,        // host0 (CONTAINER_HASH_KEY)
  veth_extra_host,       // --network-veth-extra host end (VETH_EXTRA_HOST_HASH_KEY)
  veth_extra_container,  // --network-veth-extra container end
  macvlan,               // mv-* (MACVLAN_HASH_KEY)
};

// The first 6 bytes of le64(SipHash-2-4(machine_id ‖ machine_name [‖ le64(index) if index > 0]))
// with the multicast bit cleared and the locally-administered bit set. `index` counts the
// veth-extra pairs and the macvlans from 0, in argv order.
[[nodiscard]] MacAddress nspawn_mac(const MachineId& machine_id, std::string_view machine_name,
                                    NspawnMacRole role, std::uint64_t index = 0);

// The IPv6 link-local address the kernel gives a link with this MAC (addr_gen_mode eui64):
// fe80::/64 with the modified EUI-64 interface identifier.
[[nodiscard]] IpAddress eui64_link_local(const MacAddress& mac);

}  // namespace ctrlab::oracle
