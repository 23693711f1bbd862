#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "printing.hpp"
#include "ctrlab/oracle/kernel_model.hpp"

using namespace ctrlab::oracle;

namespace {

const NamespaceId host = NamespaceId::host();
const NamespaceId web = NamespaceId::of_container("web");

// A host and a container joined by a veth, as nspawn leaves them: both ends down.
KernelModel veth_pair() {
  KernelModel model(KernelVersion{6, 1});
  model.add_namespace(host, true);
  model.add_namespace(web, true);
  BOOST_REQUIRE(model.create_veth({host, "ve-web"}, MacAddress::parse("ee:bf:85:a6:ed:63"), {web, "host0"},
                                  MacAddress::parse("0a:96:91:41:01:c1")).ok());
  return model;
}

std::vector<std::string> routes(const KernelModel& model, const NamespaceId& space) {
  std::vector<std::string> lines;
  for (const auto& route : model.namespace_state(space).routes) lines.push_back(describe(route));
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> addresses(const KernelModel& model, const NamespaceId& space, std::string_view link) {
  std::vector<std::string> lines;
  for (const auto& address : model.namespace_state(space).addresses) {
    if (address.link == link) lines.push_back(describe(address));
  }
  return lines;
}

using Lines = std::vector<std::string>;

void run_ok(KernelModel& model, const NamespaceId& space, const Argv& argv) {
  const auto outcome = model.run(space, argv);
  BOOST_REQUIRE_MESSAGE(outcome.ok(), "`" << argv[2] << " " << argv[3] << "` failed: " << outcome.message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kernel_model)

BOOST_AUTO_TEST_CASE(an_ipv4_prefix_gets_a_connected_route_only_while_the_link_is_up) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "addr", "add", "10.0.0.1/24", "dev", "ve-web"});
  BOOST_TEST(routes(model, host).empty());
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  BOOST_TEST(routes(model, host) == (Lines{"10.0.0.0/24 dev ve-web proto kernel scope link src 10.0.0.1"}));
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "down"});
  BOOST_TEST(routes(model, host).empty());
  // IPv4 addresses survive the link going down.
  BOOST_TEST(addresses(model, host, "ve-web") == (Lines{"10.0.0.1/24 on ve-web scope global"}));
}

BOOST_AUTO_TEST_CASE(a_host_address_gets_no_route_and_an_explicit_route_reaches_the_peer) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.231.136.1", "dev", "ve-web"});
  BOOST_TEST(routes(model, host).empty());
  run_ok(model, host, {"ip", "route", "add", "10.231.136.2", "dev", "ve-web"});
  BOOST_TEST(routes(model, host) == (Lines{"10.231.136.2/32 dev ve-web proto boot scope link"}));
}

BOOST_AUTO_TEST_CASE(a_slash_31_has_a_connected_route) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.4.0.1/31", "dev", "ve-web"});
  BOOST_TEST(routes(model, host) == (Lines{"10.4.0.0/31 dev ve-web proto kernel scope link src 10.4.0.1"}));
}

BOOST_AUTO_TEST_CASE(a_second_address_in_a_subnet_is_secondary_and_adds_no_route) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.1.0.1/24", "dev", "ve-web"});
  run_ok(model, host, {"ip", "addr", "add", "10.1.0.2/24", "dev", "ve-web"});
  run_ok(model, host, {"ip", "addr", "add", "10.1.0.1/16", "dev", "ve-web"});
  BOOST_TEST(routes(model, host) == (Lines{"10.1.0.0/16 dev ve-web proto kernel scope link src 10.1.0.1",
                                           "10.1.0.0/24 dev ve-web proto kernel scope link src 10.1.0.1"}));
}

BOOST_AUTO_TEST_CASE(ipv6_addresses_get_prefix_routes_and_a_slash_128_its_own) {
  auto model = veth_pair();
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(model, web, {"ip", "-6", "addr", "add", "fc00::2/7", "dev", "host0"});
  run_ok(model, web, {"ip", "-6", "addr", "add", "fd00::5", "dev", "host0"});
  // No carrier yet (the host end is down): no link-local address, but the routes exist.
  BOOST_TEST(routes(model, web) == (Lines{"fc00::/7 dev host0 proto kernel metric 256",
                                          "fd00::5/128 dev host0 proto kernel metric 256"}));
  BOOST_TEST(addresses(model, web, "host0").size() == 2U);
}

BOOST_AUTO_TEST_CASE(carrier_brings_the_eui64_link_local_address_and_fe80_route) {
  auto model = veth_pair();
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  BOOST_TEST(addresses(model, web, "host0").empty());
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  BOOST_TEST(addresses(model, web, "host0") == (Lines{"fe80::896:91ff:fe41:1c1/64 on host0 scope link"}));
  BOOST_TEST(routes(model, web) == (Lines{"fe80::/64 dev host0 proto kernel metric 256"}));
  BOOST_TEST(model.namespace_state(web).find_link("host0")->lower_up);
}

BOOST_AUTO_TEST_CASE(an_ipv6_address_added_while_down_waits_for_the_link_to_come_up) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "-6", "addr", "add", "fc09::1/64", "dev", "ve-web"});
  BOOST_TEST(routes(model, host).empty());
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  BOOST_TEST(routes(model, host) == (Lines{"fc09::/64 dev ve-web proto kernel metric 256"}));
}

BOOST_AUTO_TEST_CASE(taking_a_link_down_removes_its_ipv6_addresses_and_every_route_through_it) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.1.0.1/24", "dev", "ve-web"});
  run_ok(model, host, {"ip", "-6", "addr", "add", "fc01::1/64", "dev", "ve-web"});
  run_ok(model, host, {"ip", "route", "add", "10.2.0.0/24", "via", "10.1.0.9"});
  run_ok(model, host, {"ip", "route", "add", "10.3.0.3", "dev", "ve-web"});
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "down"});
  BOOST_TEST(routes(model, host).empty());
  BOOST_TEST(addresses(model, host, "ve-web") == (Lines{"10.1.0.1/24 on ve-web scope global"}));
  // Up again: the connected route returns, the manual ones do not; a new link-local appears.
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  BOOST_TEST(routes(model, host) == (Lines{"10.1.0.0/24 dev ve-web proto kernel scope link src 10.1.0.1",
                                           "fe80::/64 dev ve-web proto kernel metric 256"}));
}

BOOST_AUTO_TEST_CASE(a_default_route_needs_a_link_route_to_its_gateway) {
  auto model = veth_pair();
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(model, web, {"ip", "addr", "add", "10.231.136.2", "dev", "host0"});
  BOOST_TEST(model.run(web, {"ip", "route", "add", "default", "via", "10.231.136.1"}) ==
             (CommandOutcome{2, "Error: Nexthop has invalid gateway."}));
  run_ok(model, web, {"ip", "route", "add", "10.231.136.1", "dev", "host0"});
  run_ok(model, web, {"ip", "route", "add", "default", "via", "10.231.136.1"});
  BOOST_TEST(routes(model, web) == (Lines{"10.231.136.1/32 dev host0 proto boot scope link",
                                          "default via 10.231.136.1 dev host0 proto boot"}));
  // A second default route takes the same slot.
  BOOST_TEST(model.run(web, {"ip", "route", "add", "default", "via", "10.231.136.1"}) ==
             (CommandOutcome{2, "RTNETLINK answers: File exists"}));
}

BOOST_AUTO_TEST_CASE(a_gateway_on_another_link_or_behind_a_gateway_is_invalid) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.1.0.1/24", "dev", "ve-web"});
  run_ok(model, host, {"ip", "route", "add", "10.50.0.0/16", "via", "10.1.0.7"});
  BOOST_TEST(model.run(host, {"ip", "route", "add", "10.60.0.0/16", "via", "10.50.0.1"}) ==
             (CommandOutcome{2, "Error: Nexthop has invalid gateway."}));
  BOOST_TEST(model.run(host, {"ip", "route", "add", "default", "via", "10.1.0.9", "dev", "lo"}) ==
             (CommandOutcome{2, "Error: Nexthop has invalid gateway."}));
  // Our own address is an acceptable gateway.
  run_ok(model, host, {"ip", "route", "add", "10.61.0.0/16", "via", "10.1.0.1"});
}

// What the module's postStart does with a localAddress given with a prefix length
// (`ip route add 10.231.141.2/24 dev ve-NAME`): IPv4 refuses it, IPv6 masks it.
BOOST_AUTO_TEST_CASE(a_route_prefix_with_host_bits_is_refused_for_ipv4_and_masked_for_ipv6) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "up"});
  BOOST_TEST(model.run(host, {"ip", "route", "add", "10.231.141.2/24", "dev", "ve-web"}) ==
             (CommandOutcome{2, "Error: Invalid prefix for given prefix length."}));
  run_ok(model, host, {"ip", "-6", "route", "add", "fc00::2/64", "dev", "ve-web"});
  BOOST_TEST(routes(model, host) == (Lines{"fc00::/64 dev ve-web proto boot metric 1024"}));
}

BOOST_AUTO_TEST_CASE(ipv6_default_routes_need_a_route_to_a_global_gateway) {
  auto model = veth_pair();
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(model, web, {"ip", "-6", "addr", "add", "fc00::2", "dev", "host0"});
  BOOST_TEST(model.run(web, {"ip", "-6", "route", "add", "default", "via", "fc00::1"}) ==
             (CommandOutcome{2, "RTNETLINK answers: No route to host"}));
  BOOST_TEST(model.run(web, {"ip", "-6", "route", "add", "default", "via", "fe80::1"}) ==
             (CommandOutcome{2, "Error: Egress device not specified."}));
  BOOST_TEST(model.run(web, {"ip", "-6", "route", "add", "default", "via", "fc00::2"}) ==
             (CommandOutcome{2, "Error: Gateway can not be a local address."}));
  run_ok(model, web, {"ip", "-6", "route", "add", "fc00::1", "dev", "host0"});
  run_ok(model, web, {"ip", "-6", "route", "add", "default", "via", "fc00::1"});
  BOOST_TEST(routes(model, web) == (Lines{"default via fc00::1 dev host0 proto boot metric 1024",
                                          "fc00::1/128 dev host0 proto boot metric 1024",
                                          "fc00::2/128 dev host0 proto kernel metric 256"}));
}

BOOST_AUTO_TEST_CASE(routes_through_a_down_link_are_refused) {
  auto model = veth_pair();
  run_ok(model, host, {"ip", "addr", "add", "192.168.2.1", "dev", "ve-web"});
  BOOST_TEST(model.run(host, {"ip", "route", "add", "192.168.2.100", "dev", "ve-web"}) ==
             (CommandOutcome{2, "Error: Device for nexthop is not up."}));
  BOOST_TEST(model.run(host, {"ip", "-6", "route", "add", "fc10::/64", "dev", "ve-web"}) ==
             (CommandOutcome{2, "Error: Nexthop device is not up."}));
  BOOST_TEST(model.run(host, {"ip", "route", "add", "10.8.0.0/16", "via", "10.9.9.9", "dev", "ve-web", "onlink"}) ==
             (CommandOutcome{2, "Error: Nexthop device is not up."}));
  // The gateway is our own address, on a link that is down.
  BOOST_TEST(model.run(host, {"ip", "route", "add", "default", "via", "192.168.2.1"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Network is down"}));
}

BOOST_AUTO_TEST_CASE(link_commands_fail_as_iproute2_and_the_kernel_report) {
  auto model = veth_pair();
  BOOST_TEST(model.run(host, {"ip", "link", "del", "dev", "ve-nothere"}) == (CommandOutcome{1, "Cannot find device \"ve-nothere\""}));
  BOOST_TEST(model.run(host, {"ip", "link", "set", "dev", "ve-web", "master", "nobr", "up"}) ==
             (CommandOutcome{255, "Error: argument \"nobr\" is wrong: Device does not exist"}));
  BOOST_TEST(model.run(web, {"ip", "link", "set", "host0", "name", "lo"}) == (CommandOutcome{2, "RTNETLINK answers: File exists"}));
  BOOST_TEST(model.run(web, {"ip", "link", "set", "host0", "name", "eth:0"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Invalid argument"}));
  BOOST_TEST(model.run(host, {"ip", "link", "del", "dev", "lo"}) == (CommandOutcome{2, "RTNETLINK answers: Operation not supported"}));
  run_ok(model, host, {"ip", "addr", "add", "10.0.0.1/24", "dev", "ve-web"});
  BOOST_TEST(model.run(host, {"ip", "addr", "add", "10.0.0.1/24", "dev", "ve-web"}) ==
             (CommandOutcome{2, "Error: ipv4: Address already assigned."}));
  run_ok(model, host, {"ip", "-6", "addr", "add", "fc00::1/64", "dev", "ve-web"});
  BOOST_TEST(model.run(host, {"ip", "-6", "addr", "add", "fc00::1/80", "dev", "ve-web"}) ==
             (CommandOutcome{2, "Error: ipv6: address already assigned."}));
}

BOOST_AUTO_TEST_CASE(renaming_an_up_link_needs_linux_6_2) {
  auto old_kernel = veth_pair();
  run_ok(old_kernel, web, {"ip", "link", "set", "dev", "host0", "up"});
  BOOST_TEST(old_kernel.run(web, {"ip", "link", "set", "host0", "name", "eth0"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Device or resource busy"}));
  KernelModel new_kernel(KernelVersion{6, 2});
  new_kernel.add_namespace(web, true);
  BOOST_REQUIRE(new_kernel.create_link(web, "host0", LinkKind::dummy, std::nullopt).ok());
  run_ok(new_kernel, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(new_kernel, web, {"ip", "link", "set", "host0", "name", "eth0"});
}

BOOST_AUTO_TEST_CASE(names_resolve_through_altnames_and_renames_keep_routes) {
  auto model = veth_pair();
  BOOST_REQUIRE(model.add_altname({host, "ve-web"}, "ve-webserver-long").ok());
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-webserver-long", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.0.0.1/24", "dev", "ve-webserver-long"});
  BOOST_TEST(routes(model, host) == (Lines{"10.0.0.0/24 dev ve-web proto kernel scope link src 10.0.0.1"}));
  BOOST_TEST((model.add_altname({host, "lo"}, "ve-webserver-long") == CommandOutcome{2, "RTNETLINK answers: File exists"}));
  KernelModel old(KernelVersion{5, 4});
  old.add_namespace(host, true);
  BOOST_REQUIRE(old.create_link(host, "ve-web", LinkKind::dummy, std::nullopt).ok());
  BOOST_TEST(!old.add_altname({host, "ve-web"}, "ve-webserver-long").ok());
}

BOOST_AUTO_TEST_CASE(bridges_have_carrier_until_their_first_port_and_then_follow_the_ports) {
  auto model = veth_pair();
  BOOST_REQUIRE(model.create_link(host, "br0", LinkKind::bridge, std::nullopt).ok());
  run_ok(model, host, {"ip", "link", "set", "dev", "br0", "up"});
  BOOST_TEST(model.namespace_state(host).find_link("br0")->lower_up);
  run_ok(model, host, {"ip", "link", "set", "dev", "ve-web", "master", "br0", "up"});
  BOOST_TEST(!model.namespace_state(host).find_link("br0")->lower_up);
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  BOOST_TEST(model.namespace_state(host).find_link("br0")->lower_up);
  BOOST_TEST(model.namespace_state(host).find_link("ve-web")->master.value_or("") == "br0");
  // The bridge's MAC is the kernel's choice, so its link-local interface id is too.
  const auto bridge_addresses = model.namespace_state(host).addresses;
  const auto link_local = std::find_if(bridge_addresses.begin(), bridge_addresses.end(),
                                       [](const AddressState& each) { return each.link == "br0"; });
  BOOST_REQUIRE(link_local != bridge_addresses.end());
  BOOST_TEST(link_local->kernel_chosen);
}

BOOST_AUTO_TEST_CASE(a_link_with_a_macvlan_cannot_join_a_bridge_and_only_bridges_take_ports) {
  auto model = veth_pair();
  BOOST_REQUIRE(model.create_link(host, "br0", LinkKind::bridge, std::nullopt).ok());
  BOOST_REQUIRE(model.create_macvlan({web, "mv-ve-web"}, std::nullopt, {host, "ve-web"}).ok());
  BOOST_TEST(model.run(host, {"ip", "link", "set", "dev", "ve-web", "master", "br0", "up"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Device or resource busy"}));
  // The kernel applied `up` before it refused the master.
  BOOST_TEST(model.namespace_state(host).find_link("ve-web")->up);
  BOOST_TEST(model.run(web, {"ip", "link", "set", "dev", "host0", "master", "lo"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Operation not supported"}));
  // And the other way round: a bridge port takes no macvlan.
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  BOOST_REQUIRE(model.create_link(web, "br1", LinkKind::bridge, std::nullopt).ok());
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "master", "br1"});
  BOOST_TEST(model.create_macvlan({web, "mv-host0"}, std::nullopt, {web, "host0"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Device or resource busy"}));
}

BOOST_AUTO_TEST_CASE(a_bridge_never_becomes_a_port_so_carrier_never_loops) {
  auto model = veth_pair();
  for (const char* name : {"br1", "br2"}) BOOST_REQUIRE(model.create_link(host, name, LinkKind::bridge, std::nullopt).ok());
  BOOST_TEST(model.run(host, {"ip", "link", "set", "dev", "br1", "master", "br2"}) ==
             (CommandOutcome{2, "Error: Can not enslave a bridge to a bridge."}));
  BOOST_TEST(model.run(host, {"ip", "link", "set", "dev", "br1", "master", "br1"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Operation not supported"}));
  run_ok(model, host, {"ip", "link", "set", "dev", "br1", "up"});
  BOOST_TEST(!model.namespace_state(host).find_link("br1")->master.has_value());
  BOOST_TEST(model.namespace_state(host).find_link("br1")->lower_up);
}

BOOST_AUTO_TEST_CASE(a_link_below_a_bridge_through_a_macvlan_cannot_become_its_port) {
  // mv1 sits on br2 and is a port of br1; a macvlan on br1 would put br2 above itself.
  auto model = veth_pair();
  for (const char* name : {"br1", "br2"}) BOOST_REQUIRE(model.create_link(host, name, LinkKind::bridge, std::nullopt).ok());
  BOOST_REQUIRE(model.create_macvlan({host, "mv1"}, std::nullopt, {host, "br2"}).ok());
  run_ok(model, host, {"ip", "link", "set", "dev", "mv1", "master", "br1"});
  BOOST_REQUIRE(model.create_macvlan({host, "mv2"}, std::nullopt, {host, "br1"}).ok());
  BOOST_TEST(model.run(host, {"ip", "link", "set", "dev", "mv2", "master", "br2"}) ==
             (CommandOutcome{2, "RTNETLINK answers: Device or resource busy"}));
  for (const char* name : {"br1", "br2", "mv1", "mv2"}) run_ok(model, host, {"ip", "link", "set", "dev", name, "up"});
  BOOST_TEST(model.namespace_state(host).find_link("br1")->lower_up);
}

BOOST_AUTO_TEST_CASE(deleting_one_veth_end_takes_the_other_and_its_routes) {
  auto model = veth_pair();
  run_ok(model, web, {"ip", "link", "set", "dev", "host0", "up"});
  run_ok(model, web, {"ip", "addr", "add", "10.0.0.2/24", "dev", "host0"});
  run_ok(model, host, {"ip", "link", "del", "dev", "ve-web"});
  BOOST_TEST(model.namespace_state(web).find_link("host0") == nullptr);
  BOOST_TEST(routes(model, web).empty());
  BOOST_TEST(addresses(model, web, "host0").empty());
}

BOOST_AUTO_TEST_CASE(moved_devices_arrive_down_and_bare_and_return_home_at_teardown) {
  KernelModel model;
  model.add_namespace(host, true);
  BOOST_REQUIRE(model.create_link(host, "eth1", LinkKind::device, std::nullopt).ok());
  run_ok(model, host, {"ip", "link", "set", "dev", "eth1", "up"});
  run_ok(model, host, {"ip", "addr", "add", "10.10.0.1/24", "dev", "eth1"});
  model.add_namespace(web, true);
  BOOST_REQUIRE(model.move_link({host, "eth1"}, web).ok());
  const auto container_state = model.namespace_state(web);
  const auto* moved = container_state.find_link("eth1");
  BOOST_REQUIRE(moved != nullptr);
  BOOST_TEST(!moved->up);
  BOOST_TEST(addresses(model, web, "eth1").empty());
  BOOST_TEST(routes(model, host).empty());
  model.remove_namespace(web);
  BOOST_TEST(model.namespace_state(host).find_link("eth1") != nullptr);
  BOOST_TEST(!model.namespace_state(host).find_link("eth1")->up);
}

BOOST_AUTO_TEST_CASE(a_fresh_namespace_has_lo_down_and_lo_up_adds_loopback_addresses_without_main_routes) {
  KernelModel model;
  model.add_namespace(web, false);
  BOOST_TEST(!model.namespace_state(web).find_link("lo")->up);
  run_ok(model, web, {"ip", "link", "set", "dev", "lo", "up"});
  BOOST_TEST(addresses(model, web, "lo") == (Lines{"127.0.0.1/8 on lo scope host", "::1/128 on lo scope host"}));
  BOOST_TEST(routes(model, web).empty());
}

BOOST_AUTO_TEST_SUITE_END()
