#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ctrlab/oracle/address.hpp"

// ICMP and ICMPv6 echo messages as the reachability probes send and read them on raw sockets.
namespace ctrlab::runner::icmp_echo {

struct EchoId {
  std::uint16_t identifier = 0;
  std::uint16_t sequence = 0;
  friend bool operator==(const EchoId&, const EchoId&) = default;
};

// An echo request (the ICMPv6 checksum is the kernel's: it fills it in for raw ICMPv6 sockets).
[[nodiscard]] std::vector<std::uint8_t> request(oracle::AddressFamily family, EchoId id);

// The echo reply `packet` carries, if it is one: an IPv4 raw socket reads the IP header too,
// an IPv6 one only the ICMPv6 message.
[[nodiscard]] std::optional<EchoId> reply(oracle::AddressFamily family, std::span<const std::uint8_t> packet);

}  // namespace ctrlab::runner::icmp_echo
