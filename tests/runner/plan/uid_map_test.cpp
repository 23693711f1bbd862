// A container's uid_map as the sandbox's nspawn wrote it, from what this machine reads.
#include <boost/test/unit_test.hpp>

#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/uid_map.hpp"

namespace ctrlab::runner {

BOOST_AUTO_TEST_SUITE(uid_map_seen_from_the_sandbox)

BOOST_AUTO_TEST_CASE(host_ids_become_the_sandboxs) {
  // What the host reads for a container of the sandbox with --private-users=identity, and one
  // whose nspawn picked 1824915456, padded as the kernel prints them.
  const auto identity = uid_map_in_the_sandboxs_ids("         0 2147483648      65536\n", Sandbox::user_namespace_first_uid,
                                                    Sandbox::user_namespace_size);
  BOOST_REQUIRE(identity.size() == 1U);
  BOOST_TEST(oracle::to_string(identity.front()) == "0 0 65536");
  const auto picked = uid_map_in_the_sandboxs_ids("0 3972399104 65536\n", 0x80000000ULL, 0x70000000ULL);
  BOOST_REQUIRE(picked.size() == 1U);
  BOOST_TEST(oracle::to_string(picked.front()) == "0 1824915456 65536");
}

BOOST_AUTO_TEST_CASE(ids_outside_the_sandbox_and_malformed_lines) {
  const auto mappings = uid_map_in_the_sandboxs_ids("0 0 4294967295\nnot a line\n0 2147483648 10\n", 0x80000000ULL, 0x70000000ULL);
  BOOST_REQUIRE(mappings.size() == 2U);
  BOOST_TEST(oracle::to_string(mappings[0]) == "0 0 4294967295");
  BOOST_TEST(oracle::to_string(mappings[1]) == "0 0 10");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
