#include <boost/test/unit_test.hpp>

#include <vector>

#include "ctrlab/oracle/siphash.hpp"

using ctrlab::oracle::siphash24;
using ctrlab::oracle::SipHashKey;

namespace {

SipHashKey counting_key() {
  SipHashKey key{};
  for (std::uint8_t i = 0; i < key.size(); ++i) key[i] = i;
  return key;
}

std::vector<std::uint8_t> counting_message(std::uint8_t length) {
  std::vector<std::uint8_t> message;
  for (std::uint8_t i = 0; i < length; ++i) message.push_back(i);
  return message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(siphash)

// The reference vectors of the SipHash paper (Appendix A and the authors' vectors.h):
// key 00 01 .. 0f, message 00 01 .. (n-1).
BOOST_AUTO_TEST_CASE(matches_the_reference_vectors_for_every_tail_length) {
  const std::uint64_t expected[] = {0x726fdb47dd0e0e31ULL, 0x74f839c593dc67fdULL, 0x0d6c8009d9a94f5aULL,
                                    0x85676696d7fb7e2dULL, 0xcf2794e0277187b7ULL, 0x18765564cd99a68dULL,
                                    0xcbc9466e58fee3ceULL, 0xab0200f58b01d137ULL, 0x93f5f5799a932462ULL};
  for (std::uint8_t length = 0; length < std::size(expected); ++length) {
    BOOST_TEST_CONTEXT("message of " << int{length} << " bytes") {
      BOOST_TEST(siphash24(counting_message(length), counting_key()) == expected[length]);
    }
  }
}

BOOST_AUTO_TEST_CASE(matches_the_paper_example_of_fifteen_bytes) {
  BOOST_TEST(siphash24(counting_message(15), counting_key()) == 0xa129ca6149be45e5ULL);
}

BOOST_AUTO_TEST_CASE(hashes_text_as_its_bytes) {
  const std::string text("\x00\x01\x02\x03", 4);
  BOOST_TEST(siphash24(text, counting_key()) == siphash24(counting_message(4), counting_key()));
}

BOOST_AUTO_TEST_SUITE_END()
