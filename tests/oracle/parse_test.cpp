#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "ctrlab/oracle/parse.hpp"

using namespace ctrlab::oracle;

namespace {

const ContainerSpec& only_container(const Scenario& scenario) {
  BOOST_REQUIRE_EQUAL(scenario.containers.size(), 1U);
  return scenario.containers.begin()->second;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parse)

BOOST_AUTO_TEST_CASE(options_keep_the_module_names_and_whether_they_were_defined) {
  const Scenario scenario = parse_scenario_file(R"({
    "containers": { "web": {
      "privateNetwork": true, "hostAddress": "10.231.136.1", "localAddress": null,
      "forwardPorts": [ { "hostPort": 8080, "containerPort": 80 }, { "protocol": "udp", "hostPort": 53 } ],
      "extraVeths": { "veth2": { "hostBridge": "br1" }, "veth1": { "localAddress6": "fc00::2/7" } },
      "bindMounts": { "/home": { "hostPath": "/home/alice", "isReadOnly": false } },
      "path": "/nix/var/nix/profiles/per-container/web"
    } } })");
  const ContainerSpec& web = only_container(scenario);
  BOOST_TEST(web.name.value == "web");
  BOOST_TEST(*web.privateNetwork);
  BOOST_TEST(!web.autoStart.has_value());
  BOOST_TEST(**web.network.hostAddress == "10.231.136.1");
  BOOST_REQUIRE(web.network.localAddress.has_value());  // defined ...
  BOOST_TEST(!web.network.localAddress->has_value());   // ... as null
  BOOST_TEST(!web.network.hostAddress6.has_value());
  BOOST_REQUIRE_EQUAL(web.network.forwardPorts->size(), 2U);
  BOOST_TEST(!(*web.network.forwardPorts)[0].protocol.has_value());
  BOOST_TEST((*web.network.forwardPorts)[0].hostPort == 8080);
  BOOST_TEST(*(*web.network.forwardPorts)[0].containerPort.value() == 80);
  BOOST_TEST(*(*web.network.forwardPorts)[1].protocol == "udp");
  BOOST_TEST(!(*web.network.forwardPorts)[1].containerPort.has_value());
  BOOST_REQUIRE_EQUAL(web.extraVeths->size(), 2U);
  BOOST_TEST(web.extraVeths->begin()->first.value == "veth1");  // Nix's order: sorted by name
  BOOST_TEST(web.bindMounts->entries.at(0).name == "/home");
  BOOST_TEST(!*web.bindMounts->entries.at(0).isReadOnly);
  BOOST_TEST(*web.path == "/nix/var/nix/profiles/per-container/web");
}

BOOST_AUTO_TEST_CASE(host_facts_have_documented_defaults) {
  const Scenario scenario = parse_scenario_file(R"({ "containers": {} })");
  BOOST_TEST(scenario.host.stateVersion == "22.05");
  BOOST_TEST(scenario.host.kernelVersion == "6.1");
  BOOST_TEST(scenario.host.system == "x86_64-linux");
  const std::string systemd = scenario.host.package("systemd").value;
  BOOST_TEST(systemd.starts_with("/nix/store/"));
  BOOST_TEST(systemd.size() == std::string("/nix/store/").size() + 32 + std::string("-systemd").size());
  BOOST_TEST(systemd.ends_with("-systemd"));
  BOOST_TEST(scenario.revisions.size() == 5U);
}

BOOST_AUTO_TEST_CASE(given_packages_and_revisions_are_used) {
  const Scenario scenario = parse_scenario_file(R"({
    "revisions": ["2018", "2022"],
    "host": { "stateVersion": "21.11", "kernelVersion": "5.4.190",
              "packages": { "systemd": "/nix/store/6bfa02d0dd61398245ad07adb21a6136-systemd" } },
    "containers": {} })");
  BOOST_TEST(scenario.host.package("systemd").value == "/nix/store/6bfa02d0dd61398245ad07adb21a6136-systemd");
  BOOST_TEST(scenario.host.stateVersion == "21.11");
  BOOST_REQUIRE_EQUAL(scenario.revisions.size(), 2U);
  BOOST_TEST((scenario.revisions[1] == Revision::r2022));
}

BOOST_AUTO_TEST_CASE(a_probe_script_is_read_for_a_known_container) {
  const Scenario scenario = parse_scenario_file(R"({
    "containers": { "web": { "path": "/p" } },
    "probe": { "web": { "boots": [ { "action": "exit", "code": 7, "afterMs": 250 }, { "action": "stay-up" } ] } } })");
  const ProbeScript& script = scenario.probes.at(ContainerName{"web"});
  BOOST_REQUIRE_EQUAL(script.boots.size(), 2U);
  BOOST_TEST((script.boots[0].action == BootAction::exit));
  BOOST_TEST(script.boots[0].exit_code == 7);
  BOOST_TEST(script.boots[0].after.count() == 250);
  BOOST_TEST((script.for_boot(5).action == BootAction::stay_up));
}

BOOST_AUTO_TEST_CASE(config_and_nixpkgs_from_nix_eval_are_accepted_and_noted) {
  const Scenario scenario = parse_scenario_file(R"({ "containers": { "web": {
    "config": { "networking": {} }, "nixpkgs": "/nix/store/x-source", "path": "/p" } } })");
  BOOST_TEST(only_container(scenario).configDefined);
  BOOST_REQUIRE_EQUAL(scenario.notes.size(), 2U);
  BOOST_TEST(scenario.notes[0].jsonPath == "containers.web.config");
}

BOOST_AUTO_TEST_CASE(definitions_record_what_nix_would_print) {
  const Scenario scenario = parse_scenario_file(R"({ "containers": { "web": {
    "ephemeral": true, "timeoutStartSec": "2min", "tmpfs": ["/var", "/tmp"], "interfaces": [] } } })");
  const auto& definitions = only_container(scenario).definitions;
  BOOST_REQUIRE_EQUAL(definitions.size(), 4U);
  BOOST_TEST(definitions[0].loc.at(0) == "ephemeral");
  BOOST_TEST(definitions[0].prettyValue == "true");
  BOOST_TEST(definitions[1].prettyValue == "[ ]");
  BOOST_TEST(definitions[2].prettyValue == "\"2min\"");
  BOOST_TEST(definitions[3].prettyValue == "[\n  \"/var\"\n  \"/tmp\"\n]");
}

BOOST_AUTO_TEST_CASE(lenient_parsing_keeps_unknown_options_for_the_module_to_refuse) {
  const auto text = R"({ "containers": { "web": { "extraVeths": { "v1": { "mtu": 1400 } }, "path": "/p" } } })";
  BOOST_CHECK_THROW((void)parse_scenario_file(text), ScenarioError);
  const Scenario scenario = parse_scenario_file(text, ParseOptions{.rejectUnknownOptions = false});
  const auto& definitions = only_container(scenario).definitions;
  const auto unknown = std::find_if(definitions.begin(), definitions.end(), [](const auto& d) { return !d.knownOption; });
  BOOST_REQUIRE(unknown != definitions.end());
  BOOST_TEST((unknown->loc == std::vector<std::string>{"extraVeths", "v1", "mtu"}));
  BOOST_TEST(unknown->prettyValue == "1400");
}

BOOST_AUTO_TEST_CASE(the_2025_options_are_read_as_given) {
  const Scenario scenario = parse_scenario_file(R"({
    "containers": { "web": {
      "privateUsers": 65536, "networkNamespace": "/run/netns/blue", "localMacAddress": "de:b7:73:01:10:90",
      "flake": "github:example/c#web", "copyResolvConf": false, "restartIfChanged": false, "specialArgs": { "a": 1 },
      "extraVeths": { "v1": { "localMacAddress": null } }
    } } })");
  const ContainerSpec& web = only_container(scenario);
  BOOST_TEST(web.privateUsers->text() == "65536");
  BOOST_TEST(web.privateUsers->maps_users());
  BOOST_TEST(**web.networkNamespace == "/run/netns/blue");
  BOOST_TEST(**web.network.localMacAddress == "de:b7:73:01:10:90");
  BOOST_TEST(**web.flake == "github:example/c#web");
  BOOST_TEST(!*web.copyResolvConf);
  BOOST_TEST(!*web.restartIfChanged);
  BOOST_TEST(web.specialArgsDefined);
  BOOST_TEST(!web.extraVeths->at(InterfaceName{"v1"}).localMacAddress->has_value());
  // The extra veth's MAC is a definition an older revision can refuse by its location.
  BOOST_TEST(std::any_of(web.definitions.begin(), web.definitions.end(), [](const OptionDefinition& definition) {
    return definition.loc == std::vector<std::string>{"extraVeths", "v1", "localMacAddress"} && definition.knownOption;
  }));
  for (const auto& [text, maps] : std::vector<std::pair<std::string, bool>>{
           {R"("no")", false}, {R"("identity")", false}, {R"("pick")", true}, {"0", false}, {"1", true}}) {
    const Scenario each = parse_scenario_file(R"({ "containers": { "web": { "privateUsers": )" + text + " } } }");
    BOOST_TEST(only_container(each).privateUsers->maps_users() == maps, text);
  }
}

BOOST_AUTO_TEST_CASE(every_revision_reads_back_from_its_name_and_2025_is_the_newest) {
  for (const Revision revision : all_revisions) BOOST_TEST((parse_revision(to_string(revision)) == revision));
  BOOST_TEST(!parse_revision("2023").has_value());
  BOOST_TEST(revision_names() == "2014, 2018, 2021, 2022 or 2025");
  BOOST_TEST((newest_revision == Revision::r2025));
  BOOST_TEST((parse_scenario_file(R"({ "revisions": ["2025"], "containers": {} })").revisions ==
              std::vector<Revision>{Revision::r2025}));
}

BOOST_AUTO_TEST_SUITE_END()
