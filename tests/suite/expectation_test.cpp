// `ctrlab predict` and `ctrlab run` cannot disagree about a scenario: both take suite::expect,
// and for every scenario of scenarios/ and every revision it lists, what `predict --json`
// prints is exactly the expectation `run` judges against, to the byte.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/suite/expect.hpp"
#include "run_program.hpp"

namespace ctrlab::suite {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(CTRLAB_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

oracle::Scenario read_scenario(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return oracle::parse_scenario_file(text.str());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(one_expectation)

BOOST_AUTO_TEST_CASE(predict_json_prints_exactly_what_run_judges_against_for_every_scenario) {
  const auto files = scenario_files();
  BOOST_REQUIRE(files.size() > 20U);
  for (const auto& file : files) {
    const auto scenario = read_scenario(file);
    for (const auto revision : scenario.revisions) {
      const std::string name = std::string(oracle::to_string(revision));
      BOOST_TEST_CONTEXT(file.filename().string() << " " << name) {
        const auto printed = run_ctrlab({"predict", file.string(), "--revision", name, "--json"});
        BOOST_REQUIRE(printed.exit_code == 0);
        const auto judged_against = oracle::expectation_document(expect(scenario, revision));
        // Byte for byte: predict writes the document a container at a time, as dump() prints it whole.
        BOOST_TEST(printed.out == judged_against.dump(1) + "\n");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_expectation_uses_the_scenarios_machine_id_and_kernel_version) {
  const auto scenario = oracle::parse_scenario_file(R"({
    "host": {"machineId": "3d1219c7c4c5404aaa1f6d2a48adfda4", "kernelVersion": "5.4"},
    "containers": {"web": {"privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
                           "path": "/nix/var/nix/profiles/per-container/web"}}})");
  const auto expected = expect(scenario, oracle::Revision::r2022);
  BOOST_REQUIRE(expected.host.machine_id.has_value());
  BOOST_TEST(expected.host.machine_id->to_string() == "3d1219c7c4c5404aaa1f6d2a48adfda4");
  BOOST_TEST(expected.host.kernel.major == 5U);
  BOOST_TEST(expected.host.kernel.minor == 4U);
  // nspawn's MAC for ve-web follows from the machine-id: predicted, not left to the kernel.
  const auto& links = expected.effects.running.host.links;
  const auto veth = std::find_if(links.begin(), links.end(), [](const auto& link) { return link.name == "ve-web"; });
  BOOST_REQUIRE(veth != links.end());
  BOOST_TEST(veth->mac.has_value());
}

BOOST_AUTO_TEST_CASE(a_refused_spec_expects_nothing_to_follow) {
  const auto scenario = oracle::parse_scenario_file(R"({"revisions": ["2018"],
    "containers": {"web": {"ephemeral": true, "path": "/nix/var/nix/profiles/per-container/web"}}})");
  const auto expected = expect(scenario, oracle::Revision::r2018);
  BOOST_REQUIRE(expected.rendering.error.has_value());
  BOOST_TEST(expected.effects.containers.empty());
  BOOST_TEST(expected.unit_histories.empty());
  BOOST_TEST(!oracle::expectation_document(expected).contains("effects"));
}

BOOST_AUTO_TEST_CASE(unit_histories_follow_the_probe_behaviours) {
  const auto scenario = oracle::parse_scenario_file(R"({
    "containers": {"web": {"path": "/nix/var/nix/profiles/per-container/web"}},
    "probe": {"web": {"boots": [{"action": "exit", "code": 7}]}}})");
  const auto expected = expect(scenario, oracle::Revision::r2022);
  BOOST_REQUIRE(expected.unit_histories.contains("web"));
  const auto& history = expected.unit_histories.at("web");
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_status == 7);
  BOOST_TEST(oracle::expectation_document(expected).at("unitHistories").contains("web"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::suite
