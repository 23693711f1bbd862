#include "ctrlab/oracle/mac.hpp"

#include <charconv>
#include <cstdio>
#include <span>
#include <vector>

#include "ctrlab/oracle/siphash.hpp"

namespace ctrlab::oracle {
namespace {

// The keys of systemd's nspawn-network.c (SD_ID128_MAKE byte order).
constexpr SipHashKey host_hash_key = {0x1a, 0x37, 0x6f, 0xc7, 0x46, 0xec, 0x45, 0x0b,
                                      0xad, 0xa3, 0xd5, 0x31, 0x06, 0x60, 0x5d, 0xb1};
constexpr SipHashKey container_hash_key = {0xc3, 0xc4, 0xf9, 0x19, 0xb5, 0x57, 0xb2, 0x1c,
                                           0xe6, 0xcf, 0x14, 0x27, 0x03, 0x9c, 0xee, 0xa2};
constexpr SipHashKey veth_extra_host_hash_key = {0x48, 0xc7, 0xf6, 0xb7, 0xea, 0x9d, 0x4c, 0x9e,
                                                 0xb7, 0x28, 0xd4, 0xde, 0x91, 0xd5, 0xbf, 0x66};
constexpr SipHashKey veth_extra_container_hash_key = {0xaf, 0x50, 0x17, 0x61, 0xce, 0xf9, 0x4d, 0x35,
                                                      0x84, 0x0d, 0x2b, 0x20, 0x54, 0xbe, 0xce, 0x59};
constexpr SipHashKey macvlan_hash_key = {0x00, 0x13, 0x6d, 0xbc, 0x66, 0x83, 0x44, 0x81,
                                         0xbb, 0x0c, 0xf9, 0x51, 0x1f, 0x24, 0xa6, 0x6f};

const SipHashKey& key_for(NspawnMacRole role) {
  switch (role) {
    case NspawnMacRole::veth_host: return host_hash_key;
    case NspawnMacRole::veth_container: return container_hash_key;
    case NspawnMacRole::veth_extra_host: return veth_extra_host_hash_key;
    case NspawnMacRole::veth_extra_container: return veth_extra_container_hash_key;
    case NspawnMacRole::macvlan: return macvlan_hash_key;
  }
  return host_hash_key;
}

std::optional<std::uint8_t> parse_hex_byte(std::string_view two_digits) {
  if (two_digits.size() != 2) return std::nullopt;
  unsigned value = 0;
  const auto [end, error] = std::from_chars(two_digits.data(), two_digits.data() + 2, value, 16);
  if (error != std::errc{} || end != two_digits.data() + 2) return std::nullopt;
  return static_cast<std::uint8_t>(value);
}

std::string hex(std::span<const std::uint8_t> bytes, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) text += separator;
    char digits[3];
    std::snprintf(digits, sizeof digits, "%02x", unsigned{bytes[i]});
    text += digits;
  }
  return text;
}

}  // namespace

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
  MacAddress mac;
  if (text.size() != 17) return std::nullopt;
  for (std::size_t i = 0; i < mac.bytes.size(); ++i) {
    if (i > 0 && text[i * 3 - 1] != ':') return std::nullopt;
    const auto byte = parse_hex_byte(text.substr(i * 3, 2));
    if (!byte) return std::nullopt;
    mac.bytes[i] = *byte;
  }
  return mac;
}

std::string MacAddress::to_string() const { return hex(bytes, ":"); }

std::optional<MachineId> MachineId::parse(std::string_view text) {
  MachineId id;
  if (text.size() != 32) return std::nullopt;
  for (std::size_t i = 0; i < id.bytes.size(); ++i) {
    const auto byte = parse_hex_byte(text.substr(i * 2, 2));
    if (!byte) return std::nullopt;
    id.bytes[i] = *byte;
  }
  return id;
}

std::string MachineId::to_string() const { return hex(bytes, ""); }

MacAddress nspawn_mac(const MachineId& machine_id, std::string_view machine_name, NspawnMacRole role,
                      std::uint64_t index) {
  std::vector<std::uint8_t> input(machine_id.bytes.begin(), machine_id.bytes.end());
  input.insert(input.end(), machine_name.begin(), machine_name.end());
  // Index 0 adds nothing, so the first veth-extra pair hashes like the main veth would
  // (with its own key).
  if (index > 0) {
    for (int byte = 0; byte < 8; ++byte) input.push_back(static_cast<std::uint8_t>(index >> (8 * byte)));
  }
  const std::uint64_t hash = siphash24(input, key_for(role));
  MacAddress mac;
  for (std::size_t i = 0; i < mac.bytes.size(); ++i) mac.bytes[i] = static_cast<std::uint8_t>(hash >> (8 * i));
  mac.bytes[0] = static_cast<std::uint8_t>((mac.bytes[0] & 0xfeU) | 0x02U);  // unicast, locally administered
  return mac;
}

IpAddress eui64_link_local(const MacAddress& mac) {
  IpAddress address;
  address.family = AddressFamily::ipv6;
  address.bytes[0] = 0xfe;
  address.bytes[1] = 0x80;
  address.bytes[8] = static_cast<std::uint8_t>(mac.bytes[0] ^ 0x02U);  // flip universal/local
  address.bytes[9] = mac.bytes[1];
  address.bytes[10] = mac.bytes[2];
  address.bytes[11] = 0xff;
  address.bytes[12] = 0xfe;
  address.bytes[13] = mac.bytes[3];
  address.bytes[14] = mac.bytes[4];
  address.bytes[15] = mac.bytes[5];
  return address;
}

}  // namespace ctrlab::oracle
