#include <boost/test/unit_test.hpp>

#include "printing.hpp"
#include "ctrlab/oracle/mac.hpp"

using namespace ctrlab::oracle;

namespace {

// The machine-id of the host where the facts file's MACs were seen (and where systemd-nspawn
// 252 was run to check the others below).
MachineId facts_host() { return *MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfda4"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(nspawn_macs)

BOOST_AUTO_TEST_CASE(the_veth_ends_get_the_macs_seen_on_the_facts_host) {
  BOOST_TEST(nspawn_mac(facts_host(), "averyverylongname", NspawnMacRole::veth_container).to_string() == "0a:96:91:41:01:c1");
  BOOST_TEST(nspawn_mac(facts_host(), "averyverylongname", NspawnMacRole::veth_host).to_string() == "ee:bf:85:a6:ed:63");
}

BOOST_AUTO_TEST_CASE(host0_macs_of_the_names_test_containers_match_a_real_nspawn) {
  BOOST_TEST(nspawn_mac(facts_host(), "really-long-name", NspawnMacRole::veth_container).to_string() == "8a:1a:e8:43:9d:e4");
  BOOST_TEST(nspawn_mac(facts_host(), "really-long-long-name-2", NspawnMacRole::veth_container).to_string() ==
             "7e:62:46:87:d1:af");
}

BOOST_AUTO_TEST_CASE(every_mac_is_unicast_and_locally_administered) {
  for (const auto role : {NspawnMacRole::veth_host, NspawnMacRole::veth_container, NspawnMacRole::veth_extra_host,
                          NspawnMacRole::veth_extra_container, NspawnMacRole::macvlan}) {
    for (std::uint64_t index = 0; index < 3; ++index) {
      const auto mac = nspawn_mac(facts_host(), "web", role, index);
      BOOST_TEST((mac.bytes[0] & 0x01U) == 0U);
      BOOST_TEST((mac.bytes[0] & 0x02U) == 0x02U);
    }
  }
}

BOOST_AUTO_TEST_CASE(each_role_and_index_hashes_differently) {
  const auto host = nspawn_mac(facts_host(), "web", NspawnMacRole::veth_host);
  BOOST_TEST(host != nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_host, 0));
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_host, 0) !=
             nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_host, 1));
  BOOST_TEST(host != nspawn_mac(*MachineId::parse("00000000000000000000000000000001"), "web", NspawnMacRole::veth_host));
}

BOOST_AUTO_TEST_CASE(link_local_addresses_use_the_modified_eui64) {
  const auto mac = *MacAddress::parse("0a:96:91:41:01:c1");
  BOOST_TEST(eui64_link_local(mac).to_string() == "fe80::896:91ff:fe41:1c1");
  BOOST_TEST(eui64_link_local(*MacAddress::parse("ee:bf:85:a6:ed:63")).to_string() == "fe80::ecbf:85ff:fea6:ed63");
}

BOOST_AUTO_TEST_CASE(macs_and_machine_ids_parse_strictly) {
  BOOST_TEST(MacAddress::parse("0A:96:91:41:01:C1")->to_string() == "0a:96:91:41:01:c1");
  BOOST_TEST(!MacAddress::parse("0a:96:91:41:01").has_value());
  BOOST_TEST(!MacAddress::parse("0a-96-91-41-01-c1").has_value());
  BOOST_TEST(!MacAddress::parse("0g:96:91:41:01:c1").has_value());
  BOOST_TEST(facts_host().to_string() == "3d1219c7c4c5404aaa1f6d2a48adfda4");
  BOOST_TEST(!MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfda").has_value());
  BOOST_TEST(!MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfdaz").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
