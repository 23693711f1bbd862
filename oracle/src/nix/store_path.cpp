#include "nix/store_path.hpp"

#include <cstring>
#include <initializer_list>
#include <tuple>

namespace ctrlab::oracle::nix {
namespace {

__extension__ using Wide = unsigned __int128;

std::uint64_t multiply_fold(std::uint64_t a, std::uint64_t b) {
  const Wide product = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64U);
}

std::uint64_t load_word(const char* bytes, std::size_t count) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, count);
  return word;
}

constexpr std::array<std::uint64_t, 3> lane_seeds = {0xa0761d6478bd642fULL, 0xe7037ed1a0b428dbULL,
                                                     0x8ebc6af09c88c6e3ULL};
constexpr std::uint64_t step_key = 0x589965cc75374cc3ULL;

}  // namespace

Digest160 fingerprint(std::initializer_list<std::string_view> parts) {
  std::array<std::uint64_t, 3> lanes = lane_seeds;
  std::size_t total = 0;
  const auto absorb = [&](std::uint64_t word) {
    for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
      lanes[lane] = multiply_fold(lanes[lane] ^ word, step_key + lane_seeds[lane]);
    }
  };
  for (const std::string_view content : parts) {
    std::size_t offset = 0;
    while (offset < content.size()) {
      const std::size_t count = std::min<std::size_t>(8, content.size() - offset);
      absorb(load_word(content.data() + offset, count));
      offset += count;
    }
    absorb(content.size());  // the separator
    total += content.size() + 1;
  }
  Digest160 digest{};
  for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
    const std::uint64_t final_value = multiply_fold(lanes[lane] ^ total, lane_seeds[(lane + 1) % 3]);
    for (std::size_t byte = 0; byte < 8 && lane * 8 + byte < digest.size(); ++byte) {
      digest[lane * 8 + byte] = static_cast<std::uint8_t>(final_value >> (8 * byte));
    }
  }
  return digest;
}

std::string base32(const Digest160& digest) {
  static constexpr std::string_view alphabet = "0123456789abcdfghijklmnpqrsvwxyz";
  constexpr std::size_t length = (std::tuple_size_v<Digest160> * 8 - 1) / 5 + 1;
  std::string out(length, '0');
  // As Nix prints it: the last 5-bit group first.
  for (std::size_t n = 0; n < length; ++n) {
    const std::size_t group = length - 1 - n;
    const std::size_t bit = group * 5;
    const std::size_t index = bit / 8;
    const std::size_t shift = bit % 8;
    unsigned value = static_cast<unsigned>(digest[index]) >> shift;
    if (index + 1 < digest.size()) value |= static_cast<unsigned>(digest[index + 1]) << (8 - shift);
    out[n] = alphabet[value & 0x1fU];
  }
  return out;
}

std::string store_path(std::string_view name, std::string_view content) {
  constexpr std::string_view store = "/nix/store/";
  std::string path;
  path.reserve(store.size() + 33 + name.size());
  path += store;
  path += base32(fingerprint({name, content}));
  path += '-';
  path += name;
  return path;
}

}  // namespace ctrlab::oracle::nix
