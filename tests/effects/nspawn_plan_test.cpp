#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/nspawn_effects.hpp"
#include "printing.hpp"

using namespace ctrlab::oracle;

namespace {

const std::optional<MachineId> no_machine_id;

NspawnNetworkPlan plan(Argv tail) {
  Argv argv{"/nix/store/x-systemd/bin/systemd-nspawn"};
  argv.insert(argv.end(), tail.begin(), tail.end());
  return plan_nspawn_network(argv, no_machine_id);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nspawn_network_plan)

BOOST_AUTO_TEST_CASE(network_veth_creates_ve_machine_and_host0) {
  const auto result = plan({"--keep-unit", "-M", "web", "-D", "/var/lib/nixos-containers/web", "--private-network",
                            "--network-veth", "--setenv", "HOST_BRIDGE=", "/init"});
  BOOST_TEST(!result.refusal.has_value());
  BOOST_TEST(result.machine == "web");
  BOOST_TEST(result.private_network);
  BOOST_REQUIRE(result.veth.has_value());
  BOOST_TEST(result.veth->host_name.name == "ve-web");
  BOOST_TEST(result.veth->container_name == "host0");
  BOOST_TEST(!result.veth->bridge.has_value());
}

BOOST_AUTO_TEST_CASE(network_options_imply_private_networking) {
  BOOST_TEST(plan({"-M", "a", "-n", "/init"}).private_network);
  BOOST_TEST(plan({"-M", "a", "--network-veth-extra=x0", "/init"}).private_network);
  BOOST_TEST(plan({"-M", "a", "--network-interface=eth1", "/init"}).private_network);
  BOOST_TEST(plan({"-M", "a", "--network-macvlan=eth1", "/init"}).private_network);
  BOOST_TEST(!plan({"-M", "a", "/init"}).private_network);
}

BOOST_AUTO_TEST_CASE(bridges_and_zones_make_vb_links) {
  const auto bridged = plan({"-M", "web", "--network-bridge=br0", "/init"});
  BOOST_TEST(bridged.veth->host_name.name == "vb-web");
  BOOST_TEST(bridged.veth->bridge.value_or("") == "br0");
  const auto zoned = plan({"-M", "web", "--network-zone=lab", "/init"});
  BOOST_TEST(zoned.veth->host_name.name == "vb-web");
  BOOST_TEST(zoned.veth->bridge.value_or("") == "vz-lab");
  BOOST_TEST(zoned.veth->zone);
}

BOOST_AUTO_TEST_CASE(extra_veths_keep_their_names_and_fall_back_to_the_host_name) {
  const auto result = plan({"-M", "web", "--network-veth-extra=ok:bad/name", "--network-veth-extra", "a:b", "/init"});
  BOOST_REQUIRE(result.extra_veths.size() == 2U);
  BOOST_TEST(result.extra_veths[0].host_name == "ok");
  BOOST_TEST(result.extra_veths[0].container_name == "ok");
  BOOST_TEST(result.extra_veths[1].container_name == "b");
}

BOOST_AUTO_TEST_CASE(an_extra_veth_without_a_valid_host_name_is_refused_in_nspawns_words) {
  // systemd v252 src/nspawn/nspawn.c: "Failed to parse --network-veth-extra= parameter: %s".
  for (const auto* value : {"bad/name:ok", "a:b:c", "a-name-over-15-chars"}) {
    const auto result = plan({"-M", "web", std::string("--network-veth-extra=") + value, "/init"});
    BOOST_TEST(result.refusal.value_or("") == std::string("Failed to parse --network-veth-extra= parameter: ") + value);
  }
}

BOOST_AUTO_TEST_CASE(macvlans_and_ipvlans_are_named_after_their_parent) {
  const auto result = plan({"-M", "web", "--network-macvlan=longparent0123", "--network-ipvlan=eth2", "/init"});
  BOOST_REQUIRE(result.macvlans.size() == 2U);
  BOOST_TEST(result.macvlans[0].name.name == "mv-longpareD27v");
  BOOST_TEST(result.macvlans[1].name.name == "iv-eth2");
  BOOST_TEST(result.macvlans[1].kind == LinkKind::ipvlan);
}

BOOST_AUTO_TEST_CASE(options_end_at_the_first_non_option) {
  const auto result = plan({"-M", "web", "/init", "--network-veth"});
  BOOST_TEST(!result.private_network);
  // Values of options taking one are never read as options, and short options cluster.
  BOOST_TEST(!plan({"-M", "web", "--setenv", "--network-veth", "/init"}).private_network);
  BOOST_TEST(plan({"-qnM", "web", "/init"}).machine == "web");
  BOOST_TEST(plan({"-qnM", "web", "/init"}).private_network);
  BOOST_TEST(plan({"-D", "/var/lib/machines/box/", "/init"}).machine == "box");
}

BOOST_AUTO_TEST_CASE(refuses_what_nspawn_refuses) {
  BOOST_TEST(plan({"-M", "a", "--port=8080", "/init"}).refusal.value_or("") == "Cannot use --port= without private networking.");
  BOOST_TEST(plan({"-M", "a", "--network-bridge=br0", "--network-zone=z", "/init"}).refusal.value_or("") ==
             "--network-bridge= and --network-zone= may not be combined.");
  BOOST_TEST(plan({"-M", "a", "--network-zone=thirteen-char", "/init"}).refusal.value_or("") ==
             "Network zone name not valid: thirteen-char");
  BOOST_TEST(plan({"-M", "a", "-n", "--port=tcp:80", "--port=80:8080", "/init"}).refusal.value_or("") ==
             "Duplicate port specification: 80:8080");
  BOOST_TEST(plan({"-M", "a", "--capability=NET_ADMIN", "/init"}).refusal.value_or("") == "Failed to parse capability NET_ADMIN.");
  BOOST_TEST(!plan({"-M", "a", "--capability=cap_net_admin,CAP_MKNOD,12", "/init"}).refusal.has_value());
  BOOST_TEST(plan({"-M", "a", "--no-such-option", "/init"}).refusal.value_or("") == "unrecognized option '--no-such-option'");
  BOOST_TEST(plan({"-M", "a_b", "/init"}).refusal.value_or("") == "Invalid machine name: a_b");
  BOOST_TEST(plan({"-M", "a", "-n", "--port=tcp:0:80", "/init"}).refusal.value_or("") ==
             "Failed to parse host port tcp:0:80: Invalid argument");
  // An empty -M leaves the name to the directory.
  BOOST_TEST(plan({"-M", "", "-D", "/var/lib/machines/box", "/init"}).machine == "box");
}

BOOST_AUTO_TEST_CASE(ports_default_to_tcp_and_the_same_port_inside) {
  const auto result = plan({"-M", "a", "-n", "--port=udp:5353:53", "-p", "2222", "/init"});
  BOOST_REQUIRE(result.ports.size() == 2U);
  BOOST_TEST(result.ports[0].protocol == "udp");
  BOOST_TEST(result.ports[0].container_port == 53);
  BOOST_TEST(result.ports[1].protocol == "tcp");
  BOOST_TEST(result.ports[1].container_port == 2222);
}

BOOST_AUTO_TEST_SUITE_END()
