#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

// Store paths for files the module writes into the Nix store (container-init,
// reload-container, etc-NAME.conf). Nix derives the 32-character part from a SHA-256 of the
// derivation; ctrlab cannot reproduce that (the ground truth allows the hash to differ) but
// keeps its properties that matter: Nix's base-32 alphabet and length, and a value that is a
// deterministic function of the rendered content, so different content gives different paths.
namespace ctrlab::oracle::nix {

using Digest160 = std::array<std::uint8_t, 20>;

// A fast, non-cryptographic 160-bit fingerprint of a sequence of byte strings (each
// followed by a NUL, so ("ab", "c") and ("a", "bc") differ).
[[nodiscard]] Digest160 fingerprint(std::initializer_list<std::string_view> parts);

// Nix's base-32 rendering of a 160-bit digest (32 characters of 0123456789abcdfghijklmnpqrsvwxyz).
[[nodiscard]] std::string base32(const Digest160& digest);

// /nix/store/<base32(fingerprint(name, content))>-<name>
[[nodiscard]] std::string store_path(std::string_view name, std::string_view content);

}  // namespace ctrlab::oracle::nix
