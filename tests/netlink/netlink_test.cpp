#include <sys/stat.h>

#include <algorithm>

#include "ctrlab/runner/netlink.hpp"
#include "root_only.hpp"

using namespace ctrlab;
using oracle::CommandOutcome;

namespace ctrlab::oracle {
inline std::ostream& operator<<(std::ostream& out, const CommandOutcome& outcome) {
  return out << "{exit " << outcome.exit_status << ", \"" << outcome.message << "\"}";
}
}  // namespace ctrlab::oracle

namespace {

ino_t namespace_inode(const char* path) {
  struct stat info{};
  BOOST_REQUIRE(::stat(path, &info) == 0);
  return info.st_ino;
}

const oracle::LinkState* link_named(const oracle::NamespaceState& state, const std::string& name) { return state.find_link(name); }

// Two fresh namespaces joined by a veth: "ctrlab-host" on one side, "host0" on the other.
struct Pair {
  runner::NetworkNamespace host_space = runner::NetworkNamespace::create();
  runner::NetworkNamespace container_space = runner::NetworkNamespace::create();
  runner::RouteSocket host{host_space};
  runner::RouteSocket container{container_space};

  Pair() {
    BOOST_REQUIRE(host.create_veth({"ctrlab-host", oracle::MacAddress::parse("02:00:00:00:00:01"), "host0",
                                    oracle::MacAddress::parse("02:00:00:00:00:02"), &container_space})
                      .ok());
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(netlink_layer, *boost::unit_test::precondition(testing::running_as_root))

BOOST_AUTO_TEST_CASE(namespaces_are_made_without_moving_the_caller) {
  const ino_t before = namespace_inode("/proc/thread-self/ns/net");
  {
    auto space = runner::NetworkNamespace::create();
    runner::RouteSocket socket(space);
    const auto state = socket.read_state();
    BOOST_TEST(state.links.size() == 1U);
    BOOST_TEST(state.links.front().name == "lo");
    BOOST_TEST((state.links.front().kind == oracle::LinkKind::loopback));
    BOOST_TEST(!state.links.front().up);
  }
  BOOST_TEST(namespace_inode("/proc/thread-self/ns/net") == before);
}

BOOST_AUTO_TEST_CASE(a_veth_into_another_namespace_reads_back_with_its_peer_and_macs) {
  Pair pair;
  oracle::NetworkState network;
  network.host = pair.host.read_state();
  network.containers["c"] = pair.container.read_state();
  oracle::resolve_link_references(network);
  const auto* host_end = link_named(network.host, "ctrlab-host");
  BOOST_REQUIRE(host_end != nullptr);
  BOOST_TEST((host_end->kind == oracle::LinkKind::veth));
  BOOST_TEST(host_end->mac->to_string() == "02:00:00:00:00:01");
  BOOST_REQUIRE(host_end->peer.has_value());
  BOOST_TEST(host_end->peer->link == "host0");
  BOOST_TEST(host_end->peer->space.to_string() == "container c");
  BOOST_TEST(link_named(network.containers["c"], "host0")->peer->space.is_host());
}

BOOST_AUTO_TEST_CASE(ip_commands_give_iproute2s_outcomes) {
  Pair pair;
  BOOST_TEST(pair.host.run({"ip", "link", "del", "dev", "ve-nothere"}) == (CommandOutcome{1, "Cannot find device \"ve-nothere\""}));
  BOOST_TEST(pair.container.run({"ip", "link", "set", "host0", "name", "eth0"}).ok());
  BOOST_TEST(pair.container.run({"ip", "link", "set", "dev", "eth0", "up"}).ok());
  BOOST_TEST(pair.container.run({"ip", "addr", "add", "10.231.136.2", "dev", "eth0"}).ok());
  BOOST_TEST(pair.container.run({"ip", "addr", "add", "10.231.136.2", "dev", "eth0"}) ==
             (CommandOutcome{2, "Error: ipv4: Address already assigned."}));
  BOOST_TEST(pair.container.run({"ip", "route", "add", "default", "via", "10.231.136.1"}) ==
             (CommandOutcome{2, "Error: Nexthop has invalid gateway."}));
  BOOST_TEST(pair.container.run({"ip", "route", "add", "10.231.136.1", "dev", "eth0"}).ok());
  BOOST_TEST(pair.container.run({"ip", "route", "add", "default", "via", "10.231.136.1"}).ok());
  BOOST_TEST(pair.container.run({"ip", "route", "add", "default", "via", "10.231.136.1"}) ==
             (CommandOutcome{2, "RTNETLINK answers: File exists"}));
  BOOST_TEST(pair.host.run({"ip", "route", "add", "10.231.136.2", "dev", "ctrlab-host"}) ==
             (CommandOutcome{2, "Error: Device for nexthop is not up."}));
  BOOST_TEST(pair.host.run({"ip", "link", "set", "dev", "ctrlab-host", "master", "nobr", "up"}) ==
             (CommandOutcome{255, "Error: argument \"nobr\" is wrong: Device does not exist"}));
  BOOST_TEST(pair.host.run({"ip", "link", "set", "dev", "ctrlab-host", "mtu", "1400"}).exit_status == 127);
}

BOOST_AUTO_TEST_CASE(altnames_are_set_read_and_resolve_names) {
  Pair pair;
  BOOST_TEST(pair.host.add_altname("ctrlab-host", "ctrlab-host-with-a-long-name").ok());
  BOOST_TEST(pair.host.run({"ip", "link", "set", "dev", "ctrlab-host-with-a-long-name", "up"}).ok());
  const auto state = pair.host.read_state();
  BOOST_TEST(link_named(state, "ctrlab-host")->altnames == std::vector<std::string>{"ctrlab-host-with-a-long-name"});
  BOOST_TEST(link_named(state, "ctrlab-host")->up);
  BOOST_TEST(pair.host.add_altname("lo", "ctrlab-host-with-a-long-name") == (CommandOutcome{2, "RTNETLINK answers: File exists"}));
}

BOOST_AUTO_TEST_CASE(bridges_macvlans_and_moves) {
  Pair pair;
  BOOST_TEST(pair.host.create_link("ctrlab-br", oracle::LinkKind::bridge).ok());
  BOOST_TEST(pair.host.apply(oracle::LinkSetCommand{"ctrlab-host", std::nullopt, true, "ctrlab-br"}).ok());
  BOOST_TEST(pair.host.create_macvlan({"ctrlab-mv", "ctrlab-host", oracle::MacAddress::parse("02:00:00:00:00:03"),
                                       &pair.container_space, oracle::LinkKind::macvlan}) ==
             (CommandOutcome{2, "RTNETLINK answers: Device or resource busy"}));  // a bridge port has no macvlans
  BOOST_TEST(pair.container.create_macvlan({"mv-host0", "host0", oracle::MacAddress::parse("02:00:00:00:00:03"), nullptr,
                                            oracle::LinkKind::macvlan})
                 .ok());
  auto state = pair.host.read_state();
  BOOST_TEST(link_named(state, "ctrlab-host")->master.value_or("") == "ctrlab-br");
  BOOST_TEST((link_named(state, "ctrlab-br")->kind == oracle::LinkKind::bridge));
  const auto container_state = pair.container.read_state();
  BOOST_TEST((link_named(container_state, "mv-host0")->kind == oracle::LinkKind::macvlan));
  // Moved links arrive down and without their addresses.
  BOOST_REQUIRE(pair.host.create_veth({"ctrlab-a", std::nullopt, "ctrlab-b", std::nullopt, nullptr}).ok());
  BOOST_REQUIRE(pair.host.set_up("ctrlab-b", true).ok());
  BOOST_REQUIRE(pair.host.add_address("ctrlab-b", *oracle::IpPrefix::parse("10.10.0.1/24")).ok());
  auto other = runner::NetworkNamespace::create();
  BOOST_TEST(pair.host.move_link("ctrlab-b", other).ok());
  BOOST_TEST(link_named(pair.host.read_state(), "ctrlab-b") == nullptr);
  const auto moved = runner::RouteSocket(other).read_state();
  BOOST_REQUIRE(link_named(moved, "ctrlab-b") != nullptr);
  BOOST_TEST(!link_named(moved, "ctrlab-b")->up);
  BOOST_TEST(moved.addresses.empty());
}

BOOST_AUTO_TEST_CASE(a_namespace_and_its_links_are_gone_with_its_last_handle) {
  runner::NetworkNamespace host_space = runner::NetworkNamespace::create();
  runner::RouteSocket host(host_space);
  {
    auto container_space = runner::NetworkNamespace::create();
    BOOST_REQUIRE(host.create_veth({"ctrlab-gone", std::nullopt, "host0", std::nullopt, &container_space}).ok());
  }
  // The kernel cleans a namespace up asynchronously; the veth's host end goes with it.
  bool gone = false;
  for (int attempt = 0; attempt < 100 && !gone; ++attempt) {
    gone = link_named(host.read_state(), "ctrlab-gone") == nullptr;
    if (!gone) ::usleep(50000);
  }
  BOOST_TEST(gone);
}

BOOST_AUTO_TEST_SUITE_END()
