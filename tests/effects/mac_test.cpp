#include <boost/test/unit_test.hpp>

#include "printing.hpp"
#include "ctrlab/oracle/mac.hpp"

using namespace ctrlab::oracle;

namespace {

// The machine-id of the host where systemd-nspawn 252 was run to see the MACs below.
MachineId facts_host() { return *MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfda4"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(nspawn_macs)

BOOST_AUTO_TEST_CASE(the_veth_ends_get_the_macs_nspawn_gave_there) {
  BOOST_TEST(nspawn_mac(facts_host(), "averyverylongname", NspawnMacRole::veth_container).to_string() == "0a:96:91:41:01:c1");
  BOOST_TEST(nspawn_mac(facts_host(), "averyverylongname", NspawnMacRole::veth_host).to_string() == "ee:bf:85:a6:ed:63");
}

BOOST_AUTO_TEST_CASE(host0_macs_of_the_names_test_containers_match_a_real_nspawn) {
  BOOST_TEST(nspawn_mac(facts_host(), "really-long-name", NspawnMacRole::veth_container).to_string() == "8a:1a:e8:43:9d:e4");
  BOOST_TEST(nspawn_mac(facts_host(), "really-long-long-name-2", NspawnMacRole::veth_container).to_string() ==
             "7e:62:46:87:d1:af");
}

// Seen with systemd-nspawn 252 on that host, machine "web", run as
//   systemd-nspawn -M web --network-veth --network-veth-extra=ctrlab-x0:c0
//     --network-veth-extra=ctrlab-x1 --network-macvlan=ctrlab-p0 --network-macvlan=ctrlab-p1 ...
// inside a throwaway network namespace: each kind has its own key, and the extra veths and
// the macvlans count from 0 in argv order.
BOOST_AUTO_TEST_CASE(extra_veths_and_macvlans_match_a_real_nspawn) {
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_host).to_string() == "de:33:ab:0b:45:44");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_container).to_string() == "fe:38:c6:95:1d:f9");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_host, 0).to_string() == "b6:79:e7:37:bd:1f");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_container, 0).to_string() == "6e:be:12:05:d1:6e");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_host, 1).to_string() == "fa:57:91:69:b7:da");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::veth_extra_container, 1).to_string() == "36:c4:4e:68:bf:31");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::macvlan, 0).to_string() == "56:86:2f:ec:53:40");
  BOOST_TEST(nspawn_mac(facts_host(), "web", NspawnMacRole::macvlan, 1).to_string() == "12:50:a0:d5:13:fe");
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
