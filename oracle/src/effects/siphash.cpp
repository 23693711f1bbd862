#include "ctrlab/oracle/siphash.hpp"

#include <bit>

namespace ctrlab::oracle {
namespace {

std::uint64_t load_le64(const std::uint8_t* bytes, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < count; ++i) value |= std::uint64_t{bytes[i]} << (8 * i);
  return value;
}

struct SipState {
  std::uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = std::rotl(v1, 13) ^ v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = std::rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = std::rotl(v1, 17) ^ v2;
    v2 = std::rotl(v2, 32);
  }

  // Two compression rounds per message word: the "2" of SipHash-2-4.
  void absorb(std::uint64_t word) {
    v3 ^= word;
    round();
    round();
    v0 ^= word;
  }

  // Four finalisation rounds: the "4".
  std::uint64_t finish() {
    v2 ^= 0xff;
    for (int i = 0; i < 4; ++i) round();
    return v0 ^ v1 ^ v2 ^ v3;
  }
};

}  // namespace

std::uint64_t siphash24(std::span<const std::uint8_t> data, const SipHashKey& key) {
  const std::uint64_t k0 = load_le64(key.data(), 8);
  const std::uint64_t k1 = load_le64(key.data() + 8, 8);
  SipState state{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
                 k1 ^ 0x7465646279746573ULL};
  const std::size_t whole_words = data.size() / 8;
  for (std::size_t word = 0; word < whole_words; ++word) state.absorb(load_le64(data.data() + word * 8, 8));
  // The last word holds the remaining bytes and, in its top byte, the length mod 256.
  const std::size_t tail = data.size() % 8;
  const std::uint64_t last = load_le64(data.data() + whole_words * 8, tail) | (std::uint64_t{data.size()} << 56);
  state.absorb(last);
  return state.finish();
}

std::uint64_t siphash24(std::string_view data, const SipHashKey& key) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  return siphash24(std::span<const std::uint8_t>(bytes, data.size()), key);
}

}  // namespace ctrlab::oracle
