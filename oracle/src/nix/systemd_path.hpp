#pragma once

#include <string>
#include <string_view>

// nixpkgs' utils.escapeSystemdPath (nixos/lib/utils.nix), which names a path's systemd unit,
// e.g. the device unit of an interface: "eth-1" -> "eth\x2d1".
namespace ctrlab::oracle::nix {

// Leading, trailing and repeated "/" and "." components are dropped, "/" becomes "-", the
// characters " !"#$%&'()*+,;<=>?@[\]^`{|}~-" become \xNN (lower-case hex), and so does a
// leading "."; the root (and "") is "-".
[[nodiscard]] std::string escape_systemd_path(std::string_view path);

}  // namespace ctrlab::oracle::nix
