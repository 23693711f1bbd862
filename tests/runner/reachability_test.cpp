// Reachability observed for real: every probe the oracle predicts is sent from the namespace it
// names — ICMP echo, TCP to the probe's listener, TCP and UDP through nspawn's forwarded
// ports — and answers exactly where the prediction says it does.
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "shared_runner.hpp"

namespace ctrlab::runner {
namespace {

// A routed veth with two forwarded ports, a container bridged to the host's br0, and one on
// br0 in the subnet the host has on br1 (a bridge whose only port, eth1, leads elsewhere):
// the host asks for it on br1, where nobody answers.
constexpr const char* three_containers = R"({
  "host": {"network": {"interfaces": {
    "br0": {"kind": "bridge", "addresses": ["192.168.50.1/24"]},
    "br1": {"kind": "bridge", "addresses": ["10.99.0.1/24"]},
    "eth1": {"kind": "device", "master": "br1"}
  }}},
  "containers": {
    "routed": {
      "privateNetwork": true, "hostAddress": "10.231.50.1", "localAddress": "10.231.50.2",
      "forwardPorts": [{"protocol": "tcp", "hostPort": 8080, "containerPort": 80},
                       {"protocol": "udp", "hostPort": 5353, "containerPort": 53}],
      "path": "/nix/var/nix/profiles/per-container/routed"
    },
    "bridged": {
      "privateNetwork": true, "hostBridge": "br0", "localAddress": "192.168.50.2/24",
      "path": "/nix/var/nix/profiles/per-container/bridged"
    },
    "stray": {
      "privateNetwork": true, "hostBridge": "br0", "localAddress": "10.99.0.2/24",
      "path": "/nix/var/nix/profiles/per-container/stray"
    }
  }
})";

struct Probed {
  std::vector<oracle::ReachabilityExpectation> predicted;
  std::vector<oracle::ReachabilityResult> observed;

  [[nodiscard]] const oracle::ReachabilityExpectation& predicted_for(const std::string& described) const {
    const auto found = std::find_if(predicted.begin(), predicted.end(),
                                    [&](const auto& each) { return each.probe.describe() == described; });
    if (found == predicted.end()) BOOST_FAIL("no prediction " << described);
    return *found;
  }

  [[nodiscard]] bool answered(const std::string& described) const {
    const auto found = std::find_if(observed.begin(), observed.end(),
                                    [&](const auto& each) { return each.probe.describe() == described; });
    if (found == observed.end()) BOOST_FAIL("not observed: " << described);
    return found->answered;
  }
};

Probed run_scenario(const char* text) {
  BOOST_TEST_MESSAGE("running " << text);
  const auto scenario = oracle::parse_scenario_file(text);
  const auto expected = suite::expect(scenario, oracle::Revision::r2022);
  Probed probed{expected.effects.reachability, {}};
  const auto run = testing::shared_runner().run(expected);
  for (const auto& problem : run.problems) BOOST_TEST_MESSAGE("problem: " << problem);
  BOOST_TEST(run.problems.empty());
  BOOST_REQUIRE(run.observation.reachability.has_value());
  probed.observed = *run.observation.reachability;
  return probed;
}

// One run serves every test case: a scenario run costs seconds.
const Probed& three_containers_probed() {
  static const Probed probed = run_scenario(three_containers);
  return probed;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reachability)

BOOST_AUTO_TEST_CASE(a_routed_veth_a_bridge_and_forwarded_ports_answer_as_predicted) {
  const auto& probed = three_containers_probed();
  const std::vector<std::string> expected_to_answer = {
      "from host to 10.231.50.2",                   // the routed veth
      "from host to 10.231.50.2 tcp port 7",        // the probe's listener behind it
      "from host to 192.168.50.2",                  // through br0
      "from host to 192.168.50.2 tcp port 7",
      "from container routed to 10.231.50.1",       // each container to its host address
      "from container bridged to 192.168.50.1",
      "from container routed to 192.168.50.1",      // through its default route via 10.231.50.1
      "from container routed to 10.99.0.1",
      "from host to 10.231.50.1 tcp port 8080",     // nspawn's DNAT, from the host itself
      "from host to 10.231.50.1 udp port 5353",
      "from host to 192.168.50.1 tcp port 8080",    // every host address is DNAT'd
  };
  for (const auto& described : expected_to_answer) {
    BOOST_TEST_CONTEXT(described) {
      BOOST_TEST(probed.predicted_for(described).answers);
      BOOST_TEST(probed.answered(described));
    }
  }
  // Every predicted probe was observed, with the predicted outcome.
  BOOST_REQUIRE_EQUAL(probed.observed.size(), probed.predicted.size());
  for (std::size_t i = 0; i < probed.predicted.size(); ++i) {
    BOOST_TEST_CONTEXT(probed.predicted[i].probe.describe() << " (" << probed.predicted[i].why << ")") {
      BOOST_TEST((probed.observed[i].probe == probed.predicted[i].probe));
      BOOST_TEST(probed.observed[i].answered == probed.predicted[i].answers);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_address_predicted_unreachable_does_not_answer) {
  const auto& probed = three_containers_probed();
  // The host routes 10.99.0.0/24 out of br1; the ARP request goes out of eth1 and gets no answer.
  // Asked from stray on br0, the host answers ARP for its br1 address, but sends the reply out
  // of br1, where nobody holds 10.99.0.2.
  for (const std::string described : {"from host to 10.99.0.2", "from host to 10.99.0.2 tcp port 7",
                                      "from container stray to 10.99.0.1"}) {
    BOOST_TEST_CONTEXT(described) {
      BOOST_TEST(!probed.predicted_for(described).answers);
      BOOST_TEST(!probed.answered(described));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
