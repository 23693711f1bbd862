#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ground_truth.hpp"
#include "printing.hpp"

using namespace ctrlab::oracle;
using Lines = std::vector<std::string>;

namespace {

// The machine-id of the host where nspawn 252's MACs were seen (tests/effects/mac_test.cpp).
HostNetwork facts_host(std::vector<HostInterface> interfaces = {}, KernelVersion kernel = {6, 1}) {
  HostNetwork host;
  host.machine_id = MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfda4");
  host.kernel = kernel;
  host.interfaces = std::move(interfaces);
  return host;
}

HostInterface bridge(std::string name, std::vector<std::string> addresses) {
  HostInterface interface{std::move(name), LinkKind::bridge, true, {}, std::nullopt, std::nullopt};
  for (const auto& address : addresses) interface.addresses.push_back(*IpPrefix::parse(address));
  return interface;
}

HostInterface device(std::string name, std::vector<std::string> addresses = {}) {
  auto interface = bridge(std::move(name), std::move(addresses));
  interface.kind = LinkKind::device;
  return interface;
}

using ctrlab::testing::ground_truth_case;

// The effects of a ground-truth rendering (its test names the case in ground_truth_case()).
NetworkEffects effects_of(const std::string& case_file, const HostNetwork& host) {
  return predict_effects(ctrlab::testing::ground_truth_rendering(case_file), host);
}

Lines sorted(Lines lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

Lines links_of(const NamespaceState& state) {
  Lines lines;
  for (const auto& link : state.links) lines.push_back(describe(link));
  return sorted(lines);
}

Lines addresses_of(const NamespaceState& state) {
  Lines lines;
  for (const auto& address : state.addresses) lines.push_back(describe(address));
  return sorted(lines);
}

Lines routes_of(const NamespaceState& state) {
  Lines lines;
  for (const auto& route : state.routes) lines.push_back(describe(route));
  return sorted(lines);
}

Lines operations_of(const ContainerEffects& container) {
  Lines lines;
  for (const auto& operation : container.operations) {
    std::string line(to_string(operation.record.stage));
    for (const auto& word : operation.record.argv) line += " " + word;
    line += operation.record.outcome.ok() ? " -> ok" : " -> " + operation.record.outcome.message;
    lines.push_back(line);
  }
  return lines;
}

bool answers(const NetworkEffects& effects, const std::string& from, const std::string& to) {
  for (const auto& expectation : effects.reachability) {
    if (expectation.probe.from.to_string() == from && expectation.probe.to.to_string() == to && !expectation.probe.port) {
      return expectation.answers;
    }
  }
  BOOST_FAIL("no reachability expectation " << from << " -> " << to);
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_effects)

// NixOS containers-ip: a veth with IPv4 and IPv6 host addresses on both ends.
BOOST_AUTO_TEST_CASE(an_ip_veth_container_gets_addresses_routes_and_predictable_link_locals,
                     *ground_truth_case("03-ip-veth-v4-v6.2022.json")) {
  const auto effects = effects_of("03-ip-veth-v4-v6.2022.json", facts_host());
  const auto& host = effects.running.host;
  const auto& container = effects.running.containers.at("webserver4");
  BOOST_TEST(links_of(host) == sorted({"lo: loopback, up, carrier, mac 00:00:00:00:00:00",
                                       "ve-webserver4: veth, peer eth0 in container webserver4, up, carrier, mac 46:0d:53:e6:54:c9"}));
  BOOST_TEST(links_of(container) == sorted({"lo: loopback, up, carrier, mac 00:00:00:00:00:00",
                                            "eth0: veth, peer ve-webserver4 in host, up, carrier, mac 7e:08:27:30:a6:c5"}));
  BOOST_TEST(addresses_of(container) == sorted({"127.0.0.1/8 on lo scope host", "::1/128 on lo scope host",
                                                "10.231.136.2/32 on eth0 scope global", "fc00::2/128 on eth0 scope global",
                                                "fe80::7c08:27ff:fe30:a6c5/64 on eth0 scope link"}));
  BOOST_TEST(routes_of(host) == sorted({"10.231.136.2/32 dev ve-webserver4 proto boot scope link",
                                        "fc00::1/128 dev ve-webserver4 proto kernel metric 256",
                                        "fc00::2/128 dev ve-webserver4 proto boot metric 1024",
                                        "fe80::/64 dev ve-webserver4 proto kernel metric 256"}));
  BOOST_TEST(routes_of(container) == sorted({"10.231.136.1/32 dev eth0 proto boot scope link",
                                             "default via 10.231.136.1 dev eth0 proto boot",
                                             "fc00::1/128 dev eth0 proto boot metric 1024",
                                             "fc00::2/128 dev eth0 proto kernel metric 256",
                                             "default via fc00::1 dev eth0 proto boot metric 1024",
                                             "fe80::/64 dev eth0 proto kernel metric 256"}));
  BOOST_TEST(answers(effects, "host", "10.231.136.2"));
  BOOST_TEST(answers(effects, "host", "fc00::2"));
  BOOST_TEST(answers(effects, "container webserver4", "10.231.136.1"));
}

BOOST_AUTO_TEST_CASE(operations_run_in_order_and_prestart_failures_are_ignored,
                     *ground_truth_case("03-ip-veth-v4-v6.2022.json")) {
  const auto effects = effects_of("03-ip-veth-v4-v6.2022.json", facts_host());
  const auto& container = effects.containers.at("webserver4");
  BOOST_TEST(operations_of(container) ==
             (Lines{"preStart ip link del dev ve-webserver4 -> Cannot find device \"ve-webserver4\"",
                    "preStart ip link del dev vb-webserver4 -> Cannot find device \"vb-webserver4\"",
                    "containerInit ip link set host0 name eth0 -> ok",
                    "containerInit ip link set dev eth0 up -> ok",
                    "containerInit ip addr add 10.231.136.2 dev eth0 -> ok",
                    "containerInit ip -6 addr add fc00::2 dev eth0 -> ok",
                    "containerInit ip route add 10.231.136.1 dev eth0 -> ok",
                    "containerInit ip route add default via 10.231.136.1 -> ok",
                    "containerInit ip -6 route add fc00::1 dev eth0 -> ok",
                    "containerInit ip -6 route add default via fc00::1 -> ok",
                    "postStart ip link set dev ve-webserver4 up -> ok",
                    "postStart ip addr add 10.231.136.1 dev ve-webserver4 -> ok",
                    "postStart ip -6 addr add fc00::1 dev ve-webserver4 -> ok",
                    "postStart ip route add 10.231.136.2 dev ve-webserver4 -> ok",
                    "postStart ip -6 route add fc00::2 dev ve-webserver4 -> ok"}));
  BOOST_TEST(container.operations.front().failure_ignored);
  BOOST_TEST(container.init_reaches_stage_2);
  BOOST_TEST(!container.unit_failure.has_value());
}

// NixOS containers-bridge: vb-webserver joins the host's br0; addresses only inside.
BOOST_AUTO_TEST_CASE(a_bridged_container_joins_the_host_bridge, *ground_truth_case("01-bridge.2022.json")) {
  const auto effects = effects_of("01-bridge.2022.json", facts_host({bridge("br0", {"192.168.0.1/24", "fc00::1/7"})}));
  const auto* vb = effects.running.host.find_link("vb-webserver");
  BOOST_REQUIRE(vb != nullptr);
  BOOST_TEST(vb->master.value_or("") == "br0");
  BOOST_TEST(vb->up);
  BOOST_TEST(vb->lower_up);
  const auto& container = effects.running.containers.at("webserver");
  BOOST_TEST(routes_of(container) == sorted({"192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.100",
                                             "fc00::/7 dev eth0 proto kernel metric 256",
                                             "fe80::/64 dev eth0 proto kernel metric 256"}));
  BOOST_TEST(answers(effects, "host", "192.168.0.100"));
  BOOST_TEST(answers(effects, "host", "fc00::2"));
  BOOST_TEST(answers(effects, "container webserver", "192.168.0.1"));
}

BOOST_AUTO_TEST_CASE(a_missing_host_bridge_stops_nspawn_before_the_container_runs,
                     *ground_truth_case("01-bridge.2022.json")) {
  const auto effects = effects_of("01-bridge.2022.json", facts_host());
  const auto& container = effects.containers.at("webserver");
  BOOST_TEST(container.unit_failure.value_or("") ==
             "systemd-nspawn exits 1: Failed to add interface vb-webserver to bridge br0: No such device");
  BOOST_TEST(effects.running.containers.empty());
  BOOST_TEST(effects.running.host.find_link("vb-webserver") == nullptr);
  BOOST_TEST(container.operations.size() == 2U);  // only preStart ran
}

// NixOS containers-extra_veth: veth1 bridged on the host, veth2 routed.
BOOST_AUTO_TEST_CASE(extra_veths_are_bridged_or_routed_on_the_host, *ground_truth_case("02-extra-veth.2022.json")) {
  const auto effects = effects_of("02-extra-veth.2022.json",
                                  facts_host({bridge("br0", {"192.168.0.1/24", "fc00::1/7"}), bridge("br1", {"192.168.1.1/24"})}));
  const auto& host = effects.running.host;
  BOOST_TEST(host.find_link("veth1")->master.value_or("") == "br1");
  BOOST_TEST(host.find_link("veth2")->up);
  BOOST_TEST(host.find_link("veth1")->peer->link == "veth1");
  BOOST_TEST(host.find_link("veth1")->peer->space.to_string() == "container webserver");
  const auto& container = effects.running.containers.at("webserver");
  Lines global;
  for (const auto& address : container.addresses) {
    if (address.scope == AddressScope::global) global.push_back(describe(address));
  }
  BOOST_TEST(sorted(global) == sorted({"192.168.0.100/24 on eth0 scope global", "fc00::2/7 on eth0 scope global",
                                       "192.168.1.100/24 on veth1 scope global", "192.168.2.100/32 on veth2 scope global"}));
  for (const auto* address : {"192.168.0.100", "192.168.1.100", "192.168.2.100", "fc00::2"}) {
    BOOST_TEST_CONTEXT(address) { BOOST_TEST(answers(effects, "host", address)); }
  }
}

// Revision 2018 forgot `ip link set dev veth2 up` on the host (nixpkgs #53871): the route to
// the container fails, postStart stops under `bash -e`, and the unit fails.
BOOST_AUTO_TEST_CASE(the_2018_extra_veth_route_fails_on_a_down_link_and_fails_the_unit,
                     *ground_truth_case("02-extra-veth.2018.json")) {
  const auto effects = effects_of("02-extra-veth.2018.json",
                                  facts_host({bridge("br0", {"192.168.0.1/24", "fc00::1/7"}), bridge("br1", {"192.168.1.1/24"})}));
  const auto& container = effects.containers.at("webserver");
  const auto& last = container.operations.back().record;
  BOOST_TEST(last.argv == (Argv{"ip", "route", "add", "192.168.2.100", "dev", "veth2"}));
  BOOST_TEST(last.outcome == (CommandOutcome{2, "Error: Device for nexthop is not up."}));
  BOOST_TEST(container.unit_failure.value_or("") ==
             "ExecStartPost fails, so systemd stops the container: `ip route add 192.168.2.100 dev veth2` exited 2: "
             "Error: Device for nexthop is not up.");
  BOOST_TEST(effects.running.containers.empty());
  BOOST_TEST(effects.running.host.find_link("veth2") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_long_name_is_shortened_and_the_module_finds_it_by_its_altname,
                     *ground_truth_case("15-long-name-kernel-6.1.2022.json")) {
  const auto effects = effects_of("15-long-name-kernel-6.1.2022.json", facts_host());
  const auto* veth = effects.running.host.find_link("ve-webserveDlTj");
  BOOST_REQUIRE(veth != nullptr);
  BOOST_TEST(veth->altnames == (Lines{"ve-webserver-long"}));
  BOOST_TEST(veth->up);
  BOOST_TEST(!effects.containers.at("webserver-long").unit_failure.has_value());
}

// Altnames arrived in Linux 5.5: on 5.4 nspawn's altname fails (a warning) and the module's
// postStart cannot find ve-webserver-long. This is why the module asserts short names there.
BOOST_AUTO_TEST_CASE(without_altnames_a_long_name_breaks_poststart,
                     *ground_truth_case("14-long-name-kernel-5.4.2022.json")) {
  const auto effects = effects_of("14-long-name-kernel-5.4.2022.json", facts_host({}, {5, 4}));
  const auto& container = effects.containers.at("webserver-long");
  BOOST_TEST(container.operations.back().record.outcome == (CommandOutcome{1, "Cannot find device \"ve-webserver-long\""}));
  BOOST_TEST(container.unit_failure.has_value());
  BOOST_TEST(effects.notes.size() == 1U);
  BOOST_TEST(effects.notes.front().find("Failed to set alternative interface name 've-webserver-long'") != std::string::npos);
}

// NixOS containers-macvlans: mv-eth1 is created in the container from the host's eth1.
BOOST_AUTO_TEST_CASE(a_macvlan_is_created_inside_from_the_host_parent, *ground_truth_case("05-macvlans.2022.json")) {
  const auto effects = effects_of("05-macvlans.2022.json", facts_host({device("eth1")}));
  const auto* macvlan = effects.running.containers.at("test1").find_link("mv-eth1");
  BOOST_REQUIRE(macvlan != nullptr);
  BOOST_TEST(macvlan->kind == LinkKind::macvlan);
  BOOST_TEST(macvlan->parent->link == "eth1");
  BOOST_TEST(macvlan->parent->space.is_host());
  BOOST_TEST(macvlan->mac == nspawn_mac(*facts_host().machine_id, "test1", NspawnMacRole::macvlan, 0));
  BOOST_TEST(!macvlan->up);  // the 2022 module's init leaves it to the container's own network setup
}

// NixOS containers-physical_interfaces: the interfaces move in, and back out at stop.
BOOST_AUTO_TEST_CASE(moved_interfaces_leave_the_host_and_come_back_at_stop,
                     *ground_truth_case("06-interfaces.2022.json")) {
  const auto effects = effects_of("06-interfaces.2022.json", facts_host({device("eth1", {"10.10.0.1/24"}), device("eth2")}));
  BOOST_TEST(effects.running.host.find_link("eth1") == nullptr);
  const auto* moved = effects.running.containers.at("server").find_link("eth1");
  BOOST_REQUIRE(moved != nullptr);
  BOOST_TEST(!moved->up);
  BOOST_TEST(routes_of(effects.running.host).empty());
  BOOST_TEST(effects.host_after_stop.find_link("eth1") != nullptr);
  BOOST_TEST(effects.host_after_stop.find_link("eth2") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_container_without_private_network_shares_the_host_namespace,
                     *ground_truth_case("16-no-network.2022.json")) {
  const auto effects = effects_of("16-no-network.2022.json", facts_host());
  BOOST_TEST(!effects.containers.at("plain").private_network);
  BOOST_TEST(effects.running.containers.empty());
  BOOST_TEST(effects.containers.at("plain").operations.empty());
  BOOST_TEST(effects.containers.at("plain").init_reaches_stage_2);
}

// Revision 2018 joins additionalCapabilities with a space; nspawn wants a comma.
BOOST_AUTO_TEST_CASE(nspawn_refuses_a_space_separated_capability_list,
                     *ground_truth_case("11-capabilities.2018.json")) {
  const auto effects = effects_of("11-capabilities.2018.json", facts_host());
  const auto& container = effects.containers.at("caps");
  BOOST_TEST(container.refusal.value_or("") == "Failed to parse capability CAP_NET_ADMIN CAP_MKNOD.");
  BOOST_TEST(!container.init_reaches_stage_2);
}

BOOST_AUTO_TEST_CASE(forwarded_ports_target_the_container_address, *ground_truth_case("04-forward-ports.2022.json")) {
  const auto effects = effects_of("04-forward-ports.2022.json", facts_host());
  const auto& ports = effects.containers.at("webserver").forwarded_ports;
  BOOST_REQUIRE(ports.size() == 3U);
  BOOST_TEST(ports[1].protocol == "udp");
  BOOST_TEST(ports[1].host_port == 5353);
  BOOST_TEST(ports[1].container_port == 53);
  BOOST_TEST(ports[1].target->to_string() == "10.231.136.2");
  const auto forwarded = std::find_if(effects.reachability.begin(), effects.reachability.end(),
                                      [](const ReachabilityExpectation& each) { return each.probe.port == 8080; });
  BOOST_REQUIRE(forwarded != effects.reachability.end());
  BOOST_TEST(forwarded->probe.describe() == "from host to 10.231.136.1 tcp port 8080");
  BOOST_TEST(forwarded->answers);
}

BOOST_AUTO_TEST_CASE(after_stop_the_host_is_back_to_its_own_links, *ground_truth_case("02-extra-veth.2022.json")) {
  const auto effects = effects_of("02-extra-veth.2022.json",
                                  facts_host({bridge("br0", {"192.168.0.1/24", "fc00::1/7"}), bridge("br1", {"192.168.1.1/24"})}));
  Lines names;
  for (const auto& link : effects.host_after_stop.links) names.push_back(link.name);
  BOOST_TEST(sorted(names) == sorted({"lo", "br0", "br1"}));
  BOOST_TEST(std::none_of(effects.host_after_stop.routes.begin(), effects.host_after_stop.routes.end(),
                          [](const RouteState& route) { return route.device == "veth2"; }));
}

BOOST_AUTO_TEST_CASE(without_a_machine_id_macs_are_the_kernels_choice,
                     *ground_truth_case("03-ip-veth-v4-v6.2022.json")) {
  HostNetwork host = facts_host();
  host.machine_id.reset();
  const auto effects = effects_of("03-ip-veth-v4-v6.2022.json", host);
  BOOST_TEST(!effects.running.host.find_link("ve-webserver4")->mac.has_value());
  const auto& addresses = effects.running.containers.at("webserver4").addresses;
  BOOST_TEST(std::count_if(addresses.begin(), addresses.end(), [](const AddressState& each) { return each.kernel_chosen; }) == 1);
}

BOOST_AUTO_TEST_CASE(effects_read_as_text_and_json, *ground_truth_case("03-ip-veth-v4-v6.2022.json")) {
  const auto effects = effects_of("03-ip-veth-v4-v6.2022.json", facts_host());
  const std::string text = describe(effects);
  BOOST_TEST(text.find("container webserver4 (own network namespace)") != std::string::npos);
  BOOST_TEST(text.find("[containerInit] ip route add default via 10.231.136.1: ok") != std::string::npos);
  BOOST_TEST(text.find("from host to 10.231.136.2: answers") != std::string::npos);
  const nlohmann::json json = effects;
  BOOST_TEST(json.at("running").at("containers").contains("webserver4"));
  BOOST_TEST(json.at("containers").at("webserver4").at("operations").size() == 15U);
  BOOST_TEST(json.at("containers").at("webserver4").at("initReachesStage2").get<bool>());
  BOOST_TEST(network_state_from_json(json.at("running"), "running").containers.at("webserver4").routes.size() == 6U);
}

BOOST_AUTO_TEST_CASE(each_container_probes_a_bounded_number_of_neighbours_first_by_name) {
  // Forty containers on one bridge: the host probes each of them, each of them the host and
  // then its neighbours by name, 32 probes at most (not 39 neighbours each).
  std::string containers;
  for (int i = 10; i < 50; ++i) {
    containers += std::string(containers.empty() ? "" : ", ") + "\"c" + std::to_string(i) +
                  R"(": { "path": "/p", "privateNetwork": true, "hostBridge": "br0", "localAddress": "192.168.0.)" +
                  std::to_string(i) + "/24\" }";
  }
  const auto scenario = parse_scenario_file(R"({ "revisions": ["2022"], "host": { "machineId": "3d1219c7c4c5404aaa1f6d2a48adfda4",
      "network": { "interfaces": { "br0": { "kind": "bridge", "addresses": ["192.168.0.1/24"] } } } },
      "containers": { )" + containers + " } }");
  const auto effects = predict_effects(predict(scenario, Revision::r2022), host_network_of(scenario.host));
  std::map<std::string, Lines> probed;
  for (const auto& expectation : effects.reachability) {
    if (!expectation.probe.port) probed[expectation.probe.from.to_string()].push_back(expectation.probe.to.to_string());
  }
  BOOST_TEST(probed["host"].size() == 40U);
  const Lines& from_c10 = probed["container c10"];
  BOOST_REQUIRE(from_c10.size() == 32U);
  BOOST_TEST(from_c10.front() == "192.168.0.1");
  BOOST_TEST(from_c10.at(1) == "192.168.0.11");
  BOOST_TEST(from_c10.back() == "192.168.0.41");
  BOOST_TEST(answers(effects, "container c49", "192.168.0.10"));
}

// 2025's localMacAddress: the container's init gives eth0 the MAC before it brings eth0 up, so
// eth0's link-local address follows from that MAC, not nspawn's.
BOOST_AUTO_TEST_CASE(a_local_mac_address_is_eth0s_and_makes_its_link_local,
                     *ground_truth_case("24-local-mac-address.2025.json")) {
  const auto effects = effects_of("24-local-mac-address.2025.json", facts_host());
  const auto& container = effects.running.containers.at("mac");
  const auto* eth0 = container.find_link("eth0");
  BOOST_REQUIRE(eth0 != nullptr);
  BOOST_TEST(eth0->mac.value_or(MacAddress{}).to_string() == "de:b7:73:01:10:90");
  BOOST_TEST(eth0->lower_up);
  BOOST_TEST(addresses_of(container) == sorted({"127.0.0.1/8 on lo scope host", "::1/128 on lo scope host",
                                                "10.233.24.2/32 on eth0 scope global",
                                                "fe80::dcb7:73ff:fe01:1090/64 on eth0 scope link"}));
  BOOST_TEST(answers(effects, "host", "10.233.24.2"));
}

// A MAC but no address: the start script adds --network-veth and the init sets eth0 up, but
// postStart, which brings the host side up, runs only for an address — eth0 has no carrier.
BOOST_AUTO_TEST_CASE(a_mac_without_addresses_leaves_eth0_without_carrier) {
  const auto scenario = parse_scenario_file(R"({ "host": { "machineId": "3d1219c7c4c5404aaa1f6d2a48adfda4" },
      "containers": { "web": { "path": "/p", "privateNetwork": true, "localMacAddress": "02:00:00:00:00:01" } } })");
  const auto effects = predict_effects(predict(scenario, Revision::r2025), host_network_of(scenario.host));
  BOOST_TEST(effects.containers.at("web").init_reaches_stage_2);
  const auto* eth0 = effects.running.containers.at("web").find_link("eth0");
  BOOST_REQUIRE(eth0 != nullptr);
  BOOST_TEST(eth0->up);
  BOOST_TEST(!eth0->lower_up);
  BOOST_TEST(eth0->mac.value_or(MacAddress{}).to_string() == "02:00:00:00:00:01");
  const auto* host_side = effects.running.host.find_link("ve-web");
  BOOST_REQUIRE(host_side != nullptr);
  BOOST_TEST(!host_side->up);
}

// The kernel refuses a multicast MAC (eth_prepare_mac_addr_change()): the init stops there.
BOOST_AUTO_TEST_CASE(a_multicast_mac_is_refused_and_stops_the_init) {
  const auto scenario = parse_scenario_file(R"({ "containers": { "web": { "path": "/p", "privateNetwork": true,
      "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2", "localMacAddress": "01:00:5e:00:00:01" } } })");
  const auto effects = predict_effects(predict(scenario, Revision::r2025), host_network_of(scenario.host));
  const auto& container = effects.containers.at("web");
  BOOST_TEST(!container.init_reaches_stage_2);
  BOOST_TEST(container.unit_failure.value_or("").find("Cannot assign requested address") != std::string::npos);
}

// 2025's networkNamespace: nspawn joins a namespace that exists (one `ip netns add` made holds
// only `lo`, down) and sets nothing up in it.
BOOST_AUTO_TEST_CASE(a_network_namespace_is_joined_and_holds_only_lo,
                     *ground_truth_case("22-network-namespace.2025.json")) {
  const auto effects = effects_of("22-network-namespace.2025.json", facts_host());
  const auto& container = effects.containers.at("netns");
  BOOST_TEST(container.joined_namespace.value_or("") == "/run/netns/blue");
  BOOST_TEST(container.nspawn_steps.empty());
  BOOST_TEST(container.init_reaches_stage_2);
  const auto& space = effects.running.containers.at("netns");
  BOOST_REQUIRE(space.links.size() == 1U);
  BOOST_TEST(space.links.front().name == "lo");
  BOOST_TEST(!space.links.front().up);
  BOOST_TEST(space.addresses.empty());
  BOOST_TEST(links_of(effects.running.host) == Lines{"lo: loopback, up, carrier, mac 00:00:00:00:00:00"});
}

// User namespaces change nothing in the network: pick and no give the same links and addresses.
BOOST_AUTO_TEST_CASE(private_users_leave_the_network_as_it_is) {
  const auto effects = [](const std::string& private_users) {
    const auto scenario = parse_scenario_file(R"({ "host": { "machineId": "3d1219c7c4c5404aaa1f6d2a48adfda4" },
        "containers": { "web": { "path": "/p", "privateNetwork": true, "hostAddress": "10.0.0.1",
                                 "localAddress": "10.0.0.2", "privateUsers": )" + private_users + " } } }");
    return predict_effects(predict(scenario, Revision::r2025), host_network_of(scenario.host));
  };
  const auto picked = effects(R"("pick")");
  const auto shared = effects(R"("no")");
  BOOST_TEST(picked.containers.at("web").init_reaches_stage_2);
  BOOST_TEST(links_of(picked.running.containers.at("web")) == links_of(shared.running.containers.at("web")));
  BOOST_TEST(addresses_of(picked.running.containers.at("web")) == addresses_of(shared.running.containers.at("web")));
  BOOST_TEST(links_of(picked.running.host) == links_of(shared.running.host));
}

BOOST_AUTO_TEST_SUITE_END()
