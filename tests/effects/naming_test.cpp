#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/naming.hpp"

using namespace ctrlab::oracle;

BOOST_AUTO_TEST_SUITE(nspawn_naming)

// Seen on this machine kind with systemd-nspawn 252 (docs/design.md).
BOOST_AUTO_TEST_CASE(a_long_veth_name_keeps_eleven_characters_and_four_of_the_hash) {
  const auto veth = nspawn_veth_host_name("averyverylongname", false);
  BOOST_TEST(veth.name == "ve-averyvergrlw");
  BOOST_REQUIRE(veth.full_name.has_value());
  BOOST_TEST(*veth.full_name == "ve-averyverylongname");
}

BOOST_AUTO_TEST_CASE(a_bridged_veth_hashes_its_vb_name) {
  const auto veth = nspawn_veth_host_name("averyverylongname", true);
  BOOST_TEST(veth.name == "vb-averyverriyV");
  BOOST_TEST(veth.full_name.value_or("") == "vb-averyverylongname");
}

BOOST_AUTO_TEST_CASE(a_long_macvlan_name_is_hashed_too) {
  const auto macvlan = nspawn_macvlan_name("longparent0123");
  BOOST_TEST(macvlan.name == "mv-longpareD27v");
  BOOST_TEST(macvlan.full_name.value_or("") == "mv-longparent0123");
}

// NixOS's containers-names test greps for both names. Which machine gets which was checked
// by running systemd-nspawn 252 here (a pairing the other way round had been assumed).
BOOST_AUTO_TEST_CASE(the_nixos_names_test_containers_get_their_hashed_names) {
  BOOST_TEST(nspawn_veth_host_name("really-long-name", false).name == "ve-really-l3QgY");
  BOOST_TEST(nspawn_veth_host_name("really-long-long-name-2", false).name == "ve-really-lFYWO");
}

BOOST_AUTO_TEST_CASE(a_name_that_fits_is_kept_without_an_altname) {
  const auto veth = nspawn_veth_host_name("webserver", false);
  BOOST_TEST(veth.name == "ve-webserver");
  BOOST_TEST(!veth.full_name.has_value());
  // 15 characters still fit; 16 do not.
  BOOST_TEST(shorten_interface_name("ve-twelve-chars") == "ve-twelve-chars");
  BOOST_TEST(shorten_interface_name("ve-thirteen-chr1").size() == 15U);
}

BOOST_AUTO_TEST_CASE(old_naming_schemes_cut_instead_of_hashing) {
  BOOST_TEST(nspawn_veth_host_name("averyverylongname", false, NamingScheme::truncate).name == "ve-averyverylon");
}

BOOST_AUTO_TEST_CASE(zone_bridges_are_never_shortened) {
  BOOST_TEST(nspawn_zone_bridge_name("lab") == "vz-lab");
  BOOST_TEST(!is_valid_interface_name(nspawn_zone_bridge_name("thirteen-char")));
}

BOOST_AUTO_TEST_CASE(valid_interface_names_follow_the_kernel) {
  BOOST_TEST(is_valid_interface_name("eth0"));
  BOOST_TEST(is_valid_interface_name("fifteen-chars-x"));
  BOOST_TEST(!is_valid_interface_name("sixteen-chars-xy"));
  BOOST_TEST(!is_valid_interface_name(""));
  BOOST_TEST(!is_valid_interface_name("."));
  BOOST_TEST(!is_valid_interface_name("a/b"));
  BOOST_TEST(!is_valid_interface_name("a:b"));
  BOOST_TEST(!is_valid_interface_name("a b"));
}

BOOST_AUTO_TEST_CASE(machine_names_are_host_names) {
  for (const char* valid : {"web", "web-1", "a.b", "A9", "x"}) BOOST_TEST(is_valid_machine_name(valid), valid);
  BOOST_TEST(is_valid_machine_name(std::string(64, 'a')));
  for (const char* invalid : {"", "a_b", "-web", "web-", "a..b", ".web", "web.", "a.-b", "a-.b", "a:b", "a b", "@", ".."}) {
    BOOST_TEST(!is_valid_machine_name(invalid), invalid);
  }
  BOOST_TEST(!is_valid_machine_name(std::string(65, 'a')));
}

BOOST_AUTO_TEST_SUITE_END()
