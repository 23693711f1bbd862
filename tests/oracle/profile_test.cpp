// The container's own platform: the scenario's `profiles`, the start script's rule (2018 on:
// --personality=x86 for an i686-linux profile on an x86_64-linux host), and what nspawn makes
// of the flag.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;

namespace {

std::string scenario_with(const std::string& profiles, const std::string& host = "{}") {
  return R"({"host": )" + host + R"(, "containers": {"web": {"privateNetwork": true, "macvlans": ["eth1"],
      "interfaces": ["eth2"], "path": "/nix/var/nix/profiles/per-container/web"},
      "db": {"path": "/nix/var/nix/profiles/per-container/db"}}, "profiles": )" + profiles + "}";
}

std::string error_of(const std::string& text) {
  try {
    static_cast<void>(parse_scenario_file(text));
  } catch (const ScenarioError& error) {
    return error.json_path() + " | " + error.expected() + " | " + error.problem();
  }
  return "no error";
}

const Argv& argv_of(const Prediction& prediction, const std::string& container) {
  return prediction.containers.at(container).nspawnArgv;
}

bool has_personality_flag(const Argv& argv) { return std::find(argv.begin(), argv.end(), "--personality=x86") != argv.end(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(container_profiles)

BOOST_AUTO_TEST_CASE(a_profile_holds_the_system_and_a_container_without_one_has_the_hosts) {
  const auto scenario = parse_scenario_file(scenario_with(R"({"web": {"system": "i686-linux"}})", R"({"system": "x86_64-linux"})"));
  BOOST_TEST(scenario.profile_system(ContainerName{"web"}) == "i686-linux");
  BOOST_TEST(scenario.profile_system(ContainerName{"db"}) == "x86_64-linux");
  const auto aarch64 = parse_scenario_file(scenario_with("{}", R"({"system": "aarch64-linux"})"));
  BOOST_TEST(aarch64.profile_system(ContainerName{"db"}) == "aarch64-linux");
}

BOOST_AUTO_TEST_CASE(bad_profiles_are_refused_with_their_json_path) {
  BOOST_TEST(error_of(scenario_with(R"({"cache": {"system": "i686-linux"}})")) ==
             "profiles.cache | the name of a container in `containers` | there is no container \"cache\"");
  BOOST_TEST(error_of(scenario_with(R"({"web": {"system": "i686-linux", "arch": "x86"}})")).starts_with("profiles.web.arch | "));
  BOOST_TEST(error_of(scenario_with(R"({"web": {"system": 686}})")) ==
             "profiles.web.system | a Nix system name such as \"i686-linux\" | got a number (686)");
  BOOST_TEST(error_of(scenario_with(R"({"web": {"system": ""}})")) ==
             "profiles.web.system | a Nix system name such as \"i686-linux\" | got an empty string");
  BOOST_TEST(error_of(scenario_with(R"({"web": {}})")).starts_with("profiles.web | "));
  BOOST_TEST(error_of(scenario_with(R"({"web": "i686-linux"})")).starts_with("profiles.web | "));
}

BOOST_AUTO_TEST_CASE(an_i686_profile_gets_the_personality_flag_after_the_network_flags_in_every_revision_with_the_rule) {
  const auto scenario = parse_scenario_file(scenario_with(R"({"web": {"system": "i686-linux"}})"));
  for (const auto revision : {Revision::r2018, Revision::r2021, Revision::r2022, Revision::r2025}) {
    BOOST_TEST_CONTEXT(to_string(revision)) {
      const auto prediction = predict(scenario, revision);
      const auto& argv = argv_of(prediction, "web");
      const auto flag = std::find(argv.begin(), argv.end(), "--personality=x86");
      BOOST_REQUIRE(flag != argv.end());
      // Appended to extraFlags after --network-interface and --network-macvlan.
      BOOST_TEST(*(flag - 1) == "--network-macvlan=eth1");
      BOOST_TEST(*(flag - 2) == "--network-interface=eth2");
      BOOST_TEST(!has_personality_flag(argv_of(prediction, "db")));
      const auto& file = prediction.containers.at("web").systemFile;
      BOOST_REQUIRE(file.has_value());
      BOOST_TEST(file->path == "/nix/var/nix/profiles/per-container/web/system");
      BOOST_TEST(file->text == "i686-linux");
      const auto effects = predict_effects(prediction, host_network_of(scenario.host));
      BOOST_TEST(effects.containers.at("web").machine.value_or("") == "i686");
      BOOST_TEST(effects.containers.at("db").machine.value_or("") == "x86_64");
    }
  }
}

BOOST_AUTO_TEST_CASE(the_rule_needs_an_x86_64_host_and_a_2018_or_later_module) {
  const auto on_i686_host = parse_scenario_file(scenario_with(R"({"web": {"system": "i686-linux"}})", R"({"system": "i686-linux"})"));
  const auto prediction = predict(on_i686_host, Revision::r2022);
  BOOST_TEST(!has_personality_flag(argv_of(prediction, "web")));
  BOOST_TEST(!prediction.containers.at("web").systemFile.has_value());  // the script does not read it
  const auto legacy = parse_scenario_file(R"({"containers": {"web": {"root": "/var/lib/containers/web",
      "path": "/nix/var/nix/profiles/per-container/web"}}, "profiles": {"web": {"system": "i686-linux"}}})");
  BOOST_TEST(!has_personality_flag(argv_of(predict(legacy, Revision::r2014), "web")));
}

BOOST_AUTO_TEST_CASE(the_profile_is_read_through_a_command_substitution_which_drops_trailing_newlines) {
  const auto scenario = parse_scenario_file(scenario_with(R"({"web": {"system": "i686-linux\n\n"}, "db": {"system": "i686"}})"));
  const auto prediction = predict(scenario, Revision::r2025);
  BOOST_TEST(has_personality_flag(argv_of(prediction, "web")));
  BOOST_TEST(!has_personality_flag(argv_of(prediction, "db")));
}

BOOST_AUTO_TEST_CASE(nspawn_refuses_a_personality_this_machine_does_not_have) {
  const auto scenario = parse_scenario_file(R"({"containers": {"web": {"extraFlags": ["--personality=arm64"],
      "path": "/nix/var/nix/profiles/per-container/web"}}})");
  const auto effects = predict_effects(predict(scenario, Revision::r2025), host_network_of(scenario.host));
  const auto& web = effects.containers.at("web");
  BOOST_TEST(web.refusal.value_or("") == "Unknown or unsupported personality 'arm64'.");
  BOOST_TEST(!web.machine.has_value());
  const auto native = parse_scenario_file(R"({"containers": {"web": {"extraFlags": ["--personality=x86-64"],
      "path": "/nix/var/nix/profiles/per-container/web"}}})");
  BOOST_TEST(predict_effects(predict(native, Revision::r2025), host_network_of(native.host)).containers.at("web").machine.value_or("") ==
             "x86_64");
}

BOOST_AUTO_TEST_SUITE_END()
