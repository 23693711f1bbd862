#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ctrlab::oracle {

enum class AddressFamily { ipv4, ipv6 };

// An IPv4 or IPv6 address. Bytes are in network order; IPv4 uses the first 4.
struct IpAddress {
  AddressFamily family = AddressFamily::ipv4;
  std::array<std::uint8_t, 16> bytes{};

  // Parses "10.0.0.1" or "fc00::1"; nullopt when the text is neither.
  [[nodiscard]] static std::optional<IpAddress> parse(std::string_view text);
  // Canonical text: dotted quad, or RFC 5952 for IPv6 (as `ip` prints it).
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] unsigned max_prefix_length() const { return family == AddressFamily::ipv4 ? 32U : 128U; }

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

// An address with a prefix length, as the module's options and `ip addr add` take it.
// `explicit_length` records whether the text carried "/N" (the kernel then uses the full length).
struct IpPrefix {
  IpAddress address;
  unsigned length = 32;
  bool explicit_length = false;

  // Parses "A" or "A/N"; nullopt when A is not an address or N is out of range.
  [[nodiscard]] static std::optional<IpPrefix> parse(std::string_view text);
  // "A/N" always.
  [[nodiscard]] std::string to_string() const;
  // The network: the address with host bits cleared, same length.
  [[nodiscard]] IpPrefix network() const;
  [[nodiscard]] bool contains(const IpAddress& other) const;

  friend auto operator<=>(const IpPrefix&, const IpPrefix&) = default;
};

}  // namespace ctrlab::oracle
