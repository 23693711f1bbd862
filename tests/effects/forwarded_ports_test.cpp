// Where nspawn forwards a port (--port), per address family, and what the host's probes of the
// forwarded port then see (systemd v252 nspawn-expose-ports.c: one DNAT per family).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;

namespace {

NetworkEffects effects_of(const std::string& scenario_text, Revision revision = Revision::r2025) {
  const auto scenario = parse_scenario_file(scenario_text);
  return predict_effects(predict(scenario, revision), host_network_of(scenario.host));
}

std::string container_with(const std::string& options, const std::string& host = "{}") {
  return R"({"host": )" + host + R"(, "containers": {"web": {"privateNetwork": true, )" + options +
         R"(, "forwardPorts": [{"hostPort": 8080, "containerPort": 80}], "path": "/nix/var/nix/profiles/per-container/web"}}})";
}

std::string shown(const std::optional<IpAddress>& address) { return address ? address->to_string() : "(none)"; }

// The host's probes of forwarded port 8080, as "ADDRESS answers|no answer: WHY".
std::vector<std::string> port_probes(const NetworkEffects& effects) {
  std::vector<std::string> probes;
  for (const auto& each : effects.reachability) {
    if (!each.probe.from.is_host() || each.probe.port != std::optional<std::uint16_t>(8080)) continue;
    probes.push_back(each.probe.to.to_string() + (each.answers ? " answers: " : " no answer: ") + each.why);
  }
  return probes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(forwarded_ports)

BOOST_AUTO_TEST_CASE(an_ipv6_only_container_gets_its_port_forwarded_to_its_ipv6_address) {
  for (const auto revision : {Revision::r2018, Revision::r2021, Revision::r2022, Revision::r2025}) {
    BOOST_TEST_CONTEXT(to_string(revision)) {
      const auto effects = effects_of(container_with(R"("hostAddress6": "fd24::1", "localAddress6": "fd24::2")"), revision);
      const auto& ports = effects.containers.at("web").forwarded_ports;
      BOOST_REQUIRE(ports.size() == 1U);
      BOOST_TEST(shown(ports[0].target) == "(none)");
      BOOST_TEST(shown(ports[0].target6) == "fd24::2");
      BOOST_TEST(port_probes(effects) == std::vector<std::string>{"fd24::1 answers: forwarded to [fd24::2]:80 via ve-web"},
                 boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_dual_stack_container_gets_one_target_per_family_and_the_host_probes_both) {
  const auto effects = effects_of(container_with(
      R"("hostAddress": "10.233.0.1", "localAddress": "10.233.0.2", "hostAddress6": "fd24::1", "localAddress6": "fd24::2")"));
  const auto& port = effects.containers.at("web").forwarded_ports.at(0);
  BOOST_TEST(shown(port.target) == "10.233.0.2");
  BOOST_TEST(shown(port.target6) == "fd24::2");
  BOOST_TEST(port_probes(effects) == (std::vector<std::string>{"10.233.0.1 answers: forwarded to 10.233.0.2:80 via ve-web",
                                                               "fd24::1 answers: forwarded to [fd24::2]:80 via ve-web"}),
             boost::test_tools::per_element());
  BOOST_TEST(describe(effects).find("forwards tcp port 8080 to 10.233.0.2:80 and [fd24::2]:80") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_family_without_a_container_address_gets_no_rule_so_the_host_port_does_not_answer) {
  // The host has an IPv6 address of its own (br0), the container none: no IPv6 DNAT.
  const auto effects = effects_of(container_with(R"("hostAddress": "10.233.0.1", "localAddress": "10.233.0.2")",
                                                 R"({"network": {"interfaces": {"br0": {"kind": "bridge", "addresses": ["fc00::1/64"]}}}})"));
  const auto& port = effects.containers.at("web").forwarded_ports.at(0);
  BOOST_TEST(shown(port.target6) == "(none)");
  const auto probes = port_probes(effects);
  BOOST_TEST(std::count(probes.begin(), probes.end(), "fc00::1 no answer: container web has no IPv6 address to forward to") == 1);
}

BOOST_AUTO_TEST_CASE(link_local_addresses_are_never_a_target) {
  // A veth without addresses: the container's eth0 has only its link-local IPv6 address,
  // whose scope nspawn does not forward to.
  const auto effects = effects_of(R"({"containers": {"web": {"privateNetwork": true, "localMacAddress": "02:00:00:00:00:01",
      "forwardPorts": [{"hostPort": 8080}], "path": "/nix/var/nix/profiles/per-container/web"}}})");
  const auto& port = effects.containers.at("web").forwarded_ports.at(0);
  BOOST_TEST(shown(port.target) == "(none)");
  BOOST_TEST(shown(port.target6) == "(none)");
}

BOOST_AUTO_TEST_SUITE_END()
