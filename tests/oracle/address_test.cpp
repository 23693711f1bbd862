#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/address.hpp"

using ctrlab::oracle::AddressFamily;
using ctrlab::oracle::IpAddress;
using ctrlab::oracle::IpPrefix;

BOOST_AUTO_TEST_SUITE(address)

BOOST_AUTO_TEST_CASE(an_ipv4_address_without_length_gets_the_full_length) {
  const auto prefix = IpPrefix::parse("10.231.136.2");
  BOOST_REQUIRE(prefix);
  BOOST_TEST((prefix->address.family == AddressFamily::ipv4));
  BOOST_TEST(prefix->length == 32U);
  BOOST_TEST(!prefix->explicit_length);
  BOOST_TEST(prefix->to_string() == "10.231.136.2/32");
}

BOOST_AUTO_TEST_CASE(an_ipv6_prefix_keeps_its_length_and_prints_canonically) {
  const auto prefix = IpPrefix::parse("fc00:0::2/7");
  BOOST_REQUIRE(prefix);
  BOOST_TEST((prefix->address.family == AddressFamily::ipv6));
  BOOST_TEST(prefix->length == 7U);
  BOOST_TEST(prefix->to_string() == "fc00::2/7");
  BOOST_TEST(prefix->network().to_string() == "fc00::/7");
}

BOOST_AUTO_TEST_CASE(a_network_contains_its_hosts_only) {
  const auto prefix = IpPrefix::parse("192.168.0.100/24");
  BOOST_REQUIRE(prefix);
  BOOST_TEST(prefix->contains(*IpAddress::parse("192.168.0.1")));
  BOOST_TEST(!prefix->contains(*IpAddress::parse("192.168.1.1")));
  BOOST_TEST(!prefix->contains(*IpAddress::parse("fc00::1")));
}

BOOST_AUTO_TEST_CASE(malformed_addresses_and_lengths_are_rejected) {
  for (const char* text : {"", "10.0.0", "10.0.0.256", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "fc00::1/129",
                           "fc00:::1", "hostname", "10.0.0.1/24/1"}) {
    BOOST_TEST(!IpPrefix::parse(text), text);
  }
}

BOOST_AUTO_TEST_SUITE_END()
