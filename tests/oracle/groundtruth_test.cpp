// The oracle against what the real module, evaluated by Nix and run by bash, produced:
// every case in tests/data/groundtruth/cases (or the folder the build's CTRLAB_SHARED_DIR names)
// must agree exactly (store paths the module writes may differ in their hash only).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;
using nlohmann::json;

namespace {

std::filesystem::path cases_directory() { return std::filesystem::path(CTRLAB_SHARED_DIR) / "groundtruth" / "cases"; }

// The one allowed difference: the hash of store paths the module itself writes.
json without_module_store_hashes(const json& value) {
  static const std::regex module_store_path("/nix/store/[0-9a-z]{32}-(container-init|reload-container|etc-)");
  if (value.is_string()) return std::regex_replace(value.get<std::string>(), module_store_path, "/nix/store/<hash>-$1");
  if (value.is_array() || value.is_object()) {
    json copy = value;
    for (auto& element : copy) element = without_module_store_hashes(element);
    return copy;
  }
  return value;
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(cases_directory())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

boost::test_tools::assertion_result ground_truth_present(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result present(std::filesystem::is_directory(cases_directory()));
  present.message() << "needs the ground truth at " << cases_directory().string();
  return present;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(groundtruth)

BOOST_AUTO_TEST_CASE(every_case_agrees_exactly_with_the_real_module,
                     *boost::unit_test::precondition(ground_truth_present)) {
  const auto files = case_files();
  BOOST_TEST(!files.empty());
  for (const auto& file : files) {
    BOOST_TEST_CONTEXT("case " << file.filename().string()) {
      const json document = read_json(file);
      const auto revision = parse_revision(document.at("revision").get<std::string>());
      BOOST_REQUIRE(revision);
      const Scenario scenario = parse_scenario(document.at("scenario"));
      const json predicted = without_module_store_hashes(to_json(predict(scenario, *revision)));
      const json expected = without_module_store_hashes(document.at("expected"));
      for (const auto& [key, value] : expected.items()) {
        BOOST_TEST_CONTEXT("key " << key) {
          BOOST_REQUIRE(predicted.contains(key));
          const json difference = json::diff(value, predicted.at(key));
          BOOST_TEST(difference.empty(), "differs from the ground truth: " << difference.dump(1).substr(0, 3000));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
