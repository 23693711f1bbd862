// `ctrlab predict` end to end: what it prints, in which format, and its exit codes.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace {

const std::string examples = std::string(CTRLAB_SOURCE_DIR) + "/scenarios/examples/";

}  // namespace

BOOST_AUTO_TEST_SUITE(predict_command)

BOOST_AUTO_TEST_CASE(prints_a_readable_summary_of_the_newest_listed_revision) {
  const auto result = run_ctrlab({"predict", examples + "bridge.json"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out.starts_with("module revision 2025\n"));
  BOOST_TEST(result.out.find("container webserver -> container@webserver.service") != std::string::npos);
  BOOST_TEST(result.out.find("ip addr add 192.168.0.100/24 dev eth0") != std::string::npos);
  BOOST_TEST(result.err.empty());
}

BOOST_AUTO_TEST_CASE(json_output_has_the_ground_truth_keys) {
  const auto result = run_ctrlab({"predict", examples + "veth.json", "--revision", "2021", "--json"});
  BOOST_TEST(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  for (const char* key : {"containers", "error", "failedAssertions", "warnings", "hosts", "etcFiles", "serviceNames",
                          "templateUnit", "revision", "notes"}) {
    BOOST_TEST(json.contains(key), key);
  }
  BOOST_TEST(json["revision"] == "2021");
  BOOST_TEST(json["error"].is_null());
  BOOST_TEST(json["containers"]["database"]["unitName"] == "container@database");
}

BOOST_AUTO_TEST_CASE(a_refused_option_is_a_prediction_not_an_input_error) {
  const auto result = run_ctrlab({"predict", examples + "ephemeral.json", "--revision", "2018", "--json"});
  BOOST_TEST(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  BOOST_TEST(json["error"]["message"] ==
             "error: The option `containers.scratch.ephemeral' does not exist. Definition values:\n"
             "       - In `spec': true");
  BOOST_TEST(json["errorOptionPath"] == "containers.scratch.ephemeral");
}

BOOST_AUTO_TEST_CASE(all_revisions_nest_by_revision) {
  const auto result = run_ctrlab({"predict", examples + "port-forward.json", "--all-revisions", "--json"});
  BOOST_TEST(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  const auto& by_revision = json.at(examples + "port-forward.json");
  BOOST_TEST(by_revision.size() == 4U);
  BOOST_TEST(by_revision.at("2018").at("revision") == "2018");
}

BOOST_AUTO_TEST_CASE(an_invalid_scenario_exits_2_naming_path_and_form) {
  const TemporaryDirectory dir;
  const auto file = dir.write("bad.json", R"({ "containers": { "web": { "path": "/p", "hostAddress": "10.0.0.300" } } })");
  const auto result = run_ctrlab({"predict", file.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.empty());
  BOOST_TEST(result.err.find("containers.web.hostAddress: got a string (\"10.0.0.300\"), which is not an address") !=
             std::string::npos);
  BOOST_TEST(result.err.find("(expected null or an IPv4/IPv6 address") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_option_exits_2_and_json_still_shows_the_modules_refusal) {
  const TemporaryDirectory dir;
  const auto file = dir.write("typo.json", R"({ "containers": { "web": { "path": "/p", "autostart": true } } })");
  const auto result = run_ctrlab({"predict", file.string(), "--json"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("unknown key \"autostart\"; did you mean \"autoStart\"?") != std::string::npos);
  BOOST_TEST(nlohmann::json::parse(result.out)["errorOptionPath"] == "containers.web.autostart");
}

BOOST_AUTO_TEST_CASE(malformed_json_exits_2) {
  const TemporaryDirectory dir;
  const auto file = dir.write("broken.json", "{ \"containers\": ");
  const auto result = run_ctrlab({"predict", file.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("malformed JSON at line 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_directory_means_every_scenario_in_it) {
  const TemporaryDirectory dir;
  (void)dir.write("a.json", R"({ "containers": { "a": { "path": "/a" } } })");
  (void)dir.write("b.json", R"({ "containers": { "b": { "path": "/b" } } })");
  const auto result = run_ctrlab({"predict", dir.path().string(), "--json"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(nlohmann::json::parse(result.out).size() == 2U);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run_ctrlab({"predict"}).exit_code == 2);
  BOOST_TEST(run_ctrlab({"predict", examples + "bridge.json", "--revision", "2019"}).exit_code == 2);
  BOOST_TEST(run_ctrlab({"predict", "/nonexistent/scenario.json"}).exit_code == 2);
  BOOST_TEST(run_ctrlab({"predict", examples + "bridge.json", "--colour"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(help_explains_the_command) {
  const auto result = run_ctrlab({"predict", "--help"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out.starts_with("usage: ctrlab predict SCENARIO.json|DIR..."));
  BOOST_TEST(result.out.find("Exit codes:") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(predict_effects)

BOOST_AUTO_TEST_CASE(the_summary_goes_on_to_the_network_effects) {
  const auto result = run_ctrlab({"predict", std::string(CTRLAB_SOURCE_DIR) + "/scenarios/examples/veth.json"});
  BOOST_TEST(result.exit_code == 0);
  const auto effects = result.out.find("network effects\n");
  BOOST_REQUIRE(effects != std::string::npos);
  BOOST_TEST(result.out.find("ve-database: veth, peer eth0 in container database, up, carrier", effects) !=
             std::string::npos);
  BOOST_TEST(result.out.find("[containerInit] ip route add default via 10.231.136.1: ok", effects) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_summary_ends_with_the_mounts_and_what_happens_to_the_root) {
  const auto result = run_ctrlab({"predict", std::string(CTRLAB_SOURCE_DIR) + "/scenarios/nixos-tests/ephemeral.json"});
  BOOST_TEST(result.exit_code == 0);
  const auto filesystem = result.out.find("file system\n");
  BOOST_REQUIRE(filesystem != std::string::npos);
  BOOST_TEST(result.out.find("container webserver: root /run/nixos-containers/webserver (removed when the unit stops)",
                             filesystem) != std::string::npos);
  BOOST_TEST(result.out.find("  /nix/store: bind, read-only", filesystem) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_adds_effects_beside_the_rendering_keys) {
  const auto result = run_ctrlab(
      {"predict", std::string(CTRLAB_SOURCE_DIR) + "/scenarios/examples/veth.json", "--revision", "2022", "--json"});
  BOOST_TEST(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  BOOST_TEST(json.contains("nspawnArgv") == false);  // rendering keys stay where the ground truth has them
  BOOST_TEST(json.at("containers").at("database").contains("nspawnArgv"));
  BOOST_TEST(json.at("effects").at("containers").at("database").at("initReachesStage2") == true);
  const auto& links = json.at("effects").at("running").at("host").at("links");
  BOOST_TEST(std::any_of(links.begin(), links.end(), [](const nlohmann::json& l) { return l.at("name") == "ve-database"; }));
  BOOST_TEST(json.at("filesystem").at("database").at("rootRemovedAtStop") == false);
}

BOOST_AUTO_TEST_SUITE_END()
