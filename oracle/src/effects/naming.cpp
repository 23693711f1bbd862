#include "ctrlab/oracle/naming.hpp"

#include <algorithm>
#include <cctype>

#include "ctrlab/oracle/siphash.hpp"

namespace ctrlab::oracle {
namespace {

// SHORTEN_IFNAME_HASH_KEY in systemd's nspawn-network.c.
constexpr SipHashKey shorten_ifname_key = {0xe1, 0x90, 0xa4, 0x04, 0xa8, 0xef, 0x4b, 0x51,
                                           0x8c, 0xcc, 0xc3, 0x3a, 0x9f, 0x11, 0xfc, 0xa2};

// systemd's urlsafe_base64char(): 6 bits to one character.
char urlsafe_base64_char(std::uint64_t six_bits) {
  static constexpr std::string_view table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return table[six_bits & 63U];
}

// The characters kept in front of the 4 hash characters: IFNAMSIZ - 5.
constexpr std::size_t kept_prefix_length = max_interface_name_length - 4;

NspawnLinkName prefixed_name(std::string_view prefix, std::string_view base, NamingScheme scheme) {
  std::string wanted = std::string(prefix) + std::string(base);
  NspawnLinkName result{shorten_interface_name(wanted, scheme), std::nullopt};
  if (result.name != wanted) result.full_name = std::move(wanted);
  return result;
}

}  // namespace

bool is_valid_interface_name(std::string_view name) {
  if (name.empty() || name.size() > max_interface_name_length || name == "." || name == "..") return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0;
  });
}

bool is_valid_machine_name(std::string_view name) {
  constexpr std::size_t host_name_max = 64;  // Linux's HOST_NAME_MAX
  if (name.empty() || name.size() > host_name_max) return false;
  const auto letter_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  bool dot = true;  // at the start of a label
  bool hyphen = false;
  for (const char c : name) {
    if (c == '.') {
      if (dot || hyphen) return false;
      dot = true;
      hyphen = false;
    } else if (c == '-') {
      if (dot) return false;
      hyphen = true;
    } else {
      if (!letter_or_digit(c)) return false;
      dot = hyphen = false;
    }
  }
  return !dot && !hyphen;
}

std::string shorten_interface_name(std::string_view name, NamingScheme scheme) {
  if (name.size() <= max_interface_name_length) return std::string(name);
  if (scheme == NamingScheme::truncate) return std::string(name.substr(0, max_interface_name_length));
  // The hash covers the whole wanted name; its low 24 bits become 4 characters.
  const std::uint64_t hash = siphash24(name, shorten_ifname_key);
  std::string shortened(name.substr(0, kept_prefix_length));
  shortened += urlsafe_base64_char(hash >> 18);
  shortened += urlsafe_base64_char(hash >> 12);
  shortened += urlsafe_base64_char(hash >> 6);
  shortened += urlsafe_base64_char(hash);
  return shortened;
}

NspawnLinkName nspawn_veth_host_name(std::string_view machine, bool bridged, NamingScheme scheme) {
  return prefixed_name(bridged ? "vb-" : "ve-", machine, scheme);
}

NspawnLinkName nspawn_macvlan_name(std::string_view parent, NamingScheme scheme) {
  return prefixed_name("mv-", parent, scheme);
}

NspawnLinkName nspawn_ipvlan_name(std::string_view parent, NamingScheme scheme) {
  return prefixed_name("iv-", parent, scheme);
}

std::string nspawn_zone_bridge_name(std::string_view zone) { return "vz-" + std::string(zone); }

}  // namespace ctrlab::oracle
