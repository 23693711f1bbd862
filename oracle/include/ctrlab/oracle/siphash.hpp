#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

// SipHash-2-4 (Aumasson and Bernstein), the 64-bit keyed hash systemd uses to derive
// interface names and MAC addresses. Pure and portable: words are read little-endian.
namespace ctrlab::oracle {

// A 128-bit key as systemd writes it (SD_ID128_MAKE): bytes in order, k0 = le64(bytes[0..8]).
using SipHashKey = std::array<std::uint8_t, 16>;

[[nodiscard]] std::uint64_t siphash24(std::span<const std::uint8_t> data, const SipHashKey& key);
[[nodiscard]] std::uint64_t siphash24(std::string_view data, const SipHashKey& key);

}  // namespace ctrlab::oracle
