// Reachability at scale: a host with N containers has pairs that grow with N², probes that
// must not. Peers and forwarded ports are classes with a bounded sample; expanded, the classes
// give exactly the pairs an exhaustive prediction lists.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;

namespace {

// 48 containers on the host's bridge br0 and 2 routed ones, every one with a forwarded port.
std::string fifty_containers() {
  std::string containers;
  for (int i = 0; i < 50; ++i) {
    const bool routed = i >= 48;
    const auto index = std::to_string(i);
    containers += (containers.empty() ? "" : ",") + std::string("\"c") + index + "\": {" +
                  R"("privateNetwork": true, "autoStart": true, "path": "/nix/var/nix/profiles/per-container/c)" + index + "\", " +
                  (routed ? R"("hostAddress": "10.9.)" + index + R"(.1", "localAddress": "10.9.)" + index + R"(.2", )"
                          : R"("hostBridge": "br0", "localAddress": "192.168.0.)" + std::to_string(10 + i) + R"(/24", )") +
                  R"("forwardPorts": [{"protocol": "tcp", "hostPort": )" + std::to_string(8000 + i) + R"(, "containerPort": 80}]})";
  }
  return R"({"host": {"network": {"interfaces": {"br0": {"kind": "bridge", "addresses": ["192.168.0.1/24"]},
                                                 "eth0": {"kind": "device", "addresses": ["203.0.113.5/24"]}}}},
            "containers": {)" + containers + "}}";
}

struct Fixture {
  Scenario scenario = parse_scenario_file(fifty_containers());
  HostNetwork host = host_network_of(scenario.host);
  NetworkEffects effects = predict_effects(predict(scenario, Revision::r2022), host);
};

std::set<ReachabilityProbe> probes_of(const std::vector<ReachabilityExpectation>& expectations) {
  std::set<ReachabilityProbe> probes;
  for (const auto& each : expectations) probes.insert(each.probe);
  return probes;
}

bool is_probe_target(const AddressState& address) {
  return !address.kernel_chosen && (address.scope == AddressScope::global || address.scope == AddressScope::site);
}

bool is_bridged(const std::string& container) { return std::stoi(container.substr(1)) < 48; }

// The pairs, by the rule the classes stand for (reachability_effects.hpp), listed one by one.
std::set<ReachabilityProbe> every_pair(const NetworkEffects& effects) {
  std::set<ReachabilityProbe> pairs;
  const auto& running = effects.running;
  for (const auto& [name, space] : running.containers) {
    for (const auto& address : space.addresses) {
      if (!is_probe_target(address)) continue;
      pairs.insert({NamespaceId::host(), address.local.address, std::nullopt, "icmp"});
      pairs.insert({NamespaceId::host(), address.local.address, probe_listener_port, "tcp"});
    }
  }
  // Every container probes the addresses of the host's own interfaces (br0, eth0) and of the
  // host's links that receive its frames (a routed one's veth), and the bridged ones each
  // other's addresses.
  for (const auto& [name, space] : running.containers) {
    const auto from = NamespaceId::of_container(name);
    for (const auto& address : running.host.addresses) {
      if (!is_probe_target(address)) continue;
      if (address.link == "br0" || address.link == "eth0" || (!is_bridged(name) && address.link == "ve-" + name)) {
        pairs.insert({from, address.local.address, std::nullopt, "icmp"});
      }
    }
    if (!is_bridged(name)) continue;
    for (const auto& [other, other_space] : running.containers) {
      if (other == name || !is_bridged(other)) continue;
      for (const auto& address : other_space.addresses) {
        if (is_probe_target(address)) pairs.insert({from, address.local.address, std::nullopt, "icmp"});
      }
    }
  }
  for (const auto& [name, container] : effects.containers) {
    for (const auto& port : container.forwarded_ports) {
      for (const auto& address : running.host.addresses) {
        if (is_probe_target(address)) {  // of either family: nspawn forwards each
          pairs.insert({NamespaceId::host(), address.local.address, port.host_port, port.protocol});
        }
      }
    }
  }
  return pairs;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reachability_classes)

BOOST_AUTO_TEST_CASE(the_classes_of_fifty_containers_expand_to_exactly_every_pair) {
  const Fixture f;
  const auto expanded = expand_reachability(f.effects, f.host);
  BOOST_TEST(probes_of(expanded).size() == expanded.size());  // no pair twice
  const auto wanted = every_pair(f.effects);
  BOOST_TEST(wanted.size() > 2500U);  // 48 bridged containers: 48 × 47 peer pairs alone
  BOOST_TEST(probes_of(expanded) == wanted);
}

BOOST_AUTO_TEST_CASE(the_probes_sent_are_a_bounded_sample_of_the_expansion_with_the_same_answers) {
  const Fixture f;
  const auto expanded = expand_reachability(f.effects, f.host);
  BOOST_TEST(f.effects.reachability.size() < expanded.size());
  for (const auto& sent : f.effects.reachability) {
    const auto same = std::find_if(expanded.begin(), expanded.end(), [&](const auto& each) { return each.probe == sent.probe; });
    BOOST_REQUIRE(same != expanded.end());
    BOOST_TEST(same->answers == sent.answers, sent.probe.describe());
    BOOST_TEST(same->why == sent.why);
  }
  // Per container: at most 32 probes of the host and its peers, and 2 per forwarded port.
  std::map<NamespaceId, std::size_t> sent_from;
  for (const auto& sent : f.effects.reachability) ++sent_from[sent.probe.from];
  for (const auto& [from, count] : sent_from) {
    if (!from.is_host()) BOOST_TEST(count <= 32U);
  }
}

BOOST_AUTO_TEST_CASE(each_class_counts_its_members_and_its_sample) {
  const Fixture f;
  const auto expanded = expand_reachability(f.effects, f.host);
  std::size_t forwarded_members = 0;
  std::size_t forwarded_sampled = 0;
  for (const auto& group : f.effects.reachability_classes) {
    BOOST_TEST(group.sampled <= group.members);
    if (group.kind == ReachabilityClass::Kind::forwarded_port) {
      forwarded_members += group.members;
      forwarded_sampled += group.sampled;
    }
  }
  const auto is_forwarded = [](const ReachabilityExpectation& each) { return each.probe.from.is_host() && each.probe.port &&
                                                                            *each.probe.port != probe_listener_port; };
  BOOST_TEST(forwarded_members == static_cast<std::size_t>(std::count_if(expanded.begin(), expanded.end(), is_forwarded)));
  BOOST_TEST(forwarded_sampled == static_cast<std::size_t>(
                                      std::count_if(f.effects.reachability.begin(), f.effects.reachability.end(), is_forwarded)));
  // 50 ports on the host's 4 IPv4 addresses (br0, eth0 and the two routed containers' veths): 2 probed each.
  BOOST_TEST(forwarded_members == 200U);
  BOOST_TEST(forwarded_sampled == 100U);
}

BOOST_AUTO_TEST_SUITE_END()
