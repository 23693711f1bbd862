#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// How systemd-nspawn (v252) names the interfaces it creates, and how it fits names longer
// than the kernel allows (IFNAMSIZ) into 15 characters: systemd's shorten_ifname() (see
// docs/design.md, and tests/effects/naming_test.cpp for names nspawn 252 gave).
namespace ctrlab::oracle {

// The longest interface name the kernel accepts (IFNAMSIZ - 1).
inline constexpr std::size_t max_interface_name_length = 15;
// The longest alternative name (ALTIFNAMSIZ - 1).
inline constexpr std::size_t max_altname_length = 127;

// Which udev naming scheme nspawn follows: "v245" and later hash long names; older ones cut.
enum class NamingScheme { truncate, long_hash };

// What nspawn calls a link it creates: `name`, and when the wanted name was too long the
// wanted (full) name, which nspawn then tries to set as an altname.
struct NspawnLinkName {
  std::string name;
  std::optional<std::string> full_name;  // set only when `name` was shortened
};

// The kernel's rule for a main interface name (dev_valid_name): 1..15 characters, not "." or
// "..", and no '/', ':' or whitespace.
[[nodiscard]] bool is_valid_interface_name(std::string_view name);

// nspawn's check of a machine name (-M, hostname_is_valid() without flags): 1 to 64
// characters, labels of letters, digits and hyphens separated by single dots, no label
// starting or ending with a hyphen, no leading or trailing dot.
[[nodiscard]] bool is_valid_machine_name(std::string_view name);

// `name` itself when it fits, else the first 11 characters plus 4 characters of
// SipHash-2-4(name) in URL-safe base64 (long_hash), or the first 15 (truncate).
[[nodiscard]] std::string shorten_interface_name(std::string_view name,
                                                 NamingScheme scheme = NamingScheme::long_hash);

// "ve-MACHINE" for --network-veth, "vb-MACHINE" when the veth joins a bridge
// (--network-bridge / --network-zone); shortened when needed.
[[nodiscard]] NspawnLinkName nspawn_veth_host_name(std::string_view machine, bool bridged,
                                                   NamingScheme scheme = NamingScheme::long_hash);
// "mv-PARENT" for --network-macvlan=PARENT; "iv-PARENT" for --network-ipvlan=PARENT.
[[nodiscard]] NspawnLinkName nspawn_macvlan_name(std::string_view parent,
                                                 NamingScheme scheme = NamingScheme::long_hash);
[[nodiscard]] NspawnLinkName nspawn_ipvlan_name(std::string_view parent,
                                                NamingScheme scheme = NamingScheme::long_hash);
// "vz-ZONE" for --network-zone=ZONE (never shortened: a longer zone is an error).
[[nodiscard]] std::string nspawn_zone_bridge_name(std::string_view zone);

// The container side of the main veth, before the NixOS container init renames it to eth0.
inline constexpr std::string_view nspawn_container_veth_name = "host0";

}  // namespace ctrlab::oracle
