#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::filesystem::path scenarios_dir() { return std::filesystem::path(CTRLAB_SOURCE_DIR) / "scenarios"; }

NetworkEffects effects_of(const std::string& scenario_file, Revision revision) {
  const auto scenario = parse_scenario_file(read_file(scenarios_dir() / scenario_file));
  return predict_effects(predict(scenario, revision), host_network_of(scenario.host));
}

std::string scenario_error(const std::string& text) {
  try {
    static_cast<void>(parse_scenario_file(text));
  } catch (const ScenarioError& error) {
    return error.json_path() + " | " + error.expected() + " | " + error.problem();
  }
  return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_effects)

BOOST_AUTO_TEST_CASE(every_scenario_in_the_repository_has_effects_under_each_of_its_revisions) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scenarios_dir())) {
    if (entry.path().extension() != ".json") continue;
    const auto scenario = parse_scenario_file(read_file(entry.path()));
    for (const auto revision : scenario.revisions) {
      BOOST_TEST_CONTEXT(entry.path().filename().string() << " under " << to_string(revision)) {
        const auto prediction = predict(scenario, revision);
        const auto effects = predict_effects(prediction, host_network_of(scenario.host));
        BOOST_TEST(effects.containers.size() == (prediction.error ? 0U : prediction.containers.size()));
        BOOST_TEST(!describe(effects).empty());
        ++checked;
      }
    }
  }
  BOOST_TEST(checked > 0U);
}

BOOST_AUTO_TEST_CASE(the_names_test_gets_hashed_veth_names_with_altnames) {
  const auto effects = effects_of("nixos-tests/names.json", Revision::r2022);
  for (const auto& [name, altname] : {std::pair{"ve-really-l3QgY", "ve-really-long-name"},
                                      std::pair{"ve-really-lFYWO", "ve-really-long-long-name-2"}}) {
    const auto* link = effects.running.host.find_link(name);
    BOOST_REQUIRE_MESSAGE(link != nullptr, name);
    BOOST_TEST(link->altnames == std::vector<std::string>{altname});
    BOOST_TEST(link->up);
  }
  BOOST_TEST(effects.running.host.find_link("ve-first") != nullptr);
}

BOOST_AUTO_TEST_CASE(the_bridge_test_puts_both_containers_on_the_host_bridge) {
  const auto effects = effects_of("nixos-tests/bridge.json", Revision::r2022);
  BOOST_TEST(effects.running.host.find_link("vb-webserver")->master.value_or("") == "br0");
  BOOST_TEST(effects.running.host.find_link("vb-web-noip")->master.value_or("") == "br0");
  const auto answers = [&](const std::string& from, const std::string& to) {
    for (const auto& each : effects.reachability) {
      if (each.probe.from.to_string() == from && each.probe.to.to_string() == to) return each.answers;
    }
    return false;
  };
  BOOST_TEST(answers("host", "192.168.0.100"));
  BOOST_TEST(answers("host", "fc00::2"));
}

BOOST_AUTO_TEST_CASE(the_host_network_section_is_validated_with_json_paths) {
  BOOST_TEST(scenario_error(R"({"host": {"network": {"interfaces": {"br0": {"kind": "switch"}}}}, "containers": {}})") ==
             "host.network.interfaces.br0.kind | bridge, dummy or device | got a string (\"switch\")");
  BOOST_TEST(scenario_error(R"({"host": {"network": {"interfaces": {"eth1": {"addresses": ["10.0.0.1/33"]}}}}, "containers": {}})") ==
             "host.network.interfaces.eth1.addresses[0] | an address such as \"192.168.0.1/24\" or \"fc00::1/7\" | got a string (\"10.0.0.1/33\")");
  BOOST_TEST(scenario_error(R"({"host": {"network": {"interfaces": {"eth1": {"master": "eth2"}}}}, "containers": {}})") ==
             "host.network.interfaces.eth1.master | the name of a bridge in host.network.interfaces | got \"eth2\"");
  BOOST_TEST(scenario_error(R"({"host": {"network": {"bridges": {}}}, "containers": {}})") ==
             "host.network.bridges | interfaces or ipForward | got an unknown key");
}

BOOST_AUTO_TEST_CASE(a_bridge_has_no_master_so_master_chains_cannot_loop) {
  const std::string refused = " | no master for a bridge: Linux refuses to make a bridge a port of a bridge | got ";
  BOOST_TEST(scenario_error(R"({"host": {"network": {"interfaces": {
      "br1": {"kind": "bridge", "master": "br2"}, "br2": {"kind": "bridge", "master": "br1"}}}}, "containers": {}})") ==
             "host.network.interfaces.br1.master" + refused + "\"br2\"");
  BOOST_TEST(scenario_error(R"({"host": {"network": {"interfaces": {"br0": {"kind": "bridge", "master": "br0"}}}},
      "containers": {}})") == "host.network.interfaces.br0.master" + refused + "\"br0\"");
  // A port of a bridge is fine, and so is a chain of one.
  BOOST_CHECK_NO_THROW((void)parse_scenario_file(R"({"host": {"network": {"interfaces": {
      "br0": {"kind": "bridge"}, "dm0": {"kind": "dummy", "master": "br0"}}}}, "containers": {}})"));
}

BOOST_AUTO_TEST_CASE(the_machine_id_and_kernel_of_the_host_facts_reach_the_effects) {
  const auto scenario = parse_scenario_file(
      R"({"host": {"machineId": "3d1219c7c4c5404aaa1f6d2a48adfda4", "kernelVersion": "5.4.190"}, "containers": {}})");
  const auto host = host_network_of(scenario.host);
  BOOST_TEST(host.machine_id->to_string() == "3d1219c7c4c5404aaa1f6d2a48adfda4");
  BOOST_TEST(host.kernel.major == 5U);
  BOOST_TEST(host.kernel.minor == 4U);
}

BOOST_AUTO_TEST_SUITE_END()
