#include "prediction_document.hpp"

#include <iostream>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/suite/expect.hpp"
#include "files.hpp"

namespace ctrlab::cli {

nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision) {
  return oracle::expectation_document(suite::expect(scenario, revision));
}

oracle::Scenario load_scenario(const std::filesystem::path& path) {
  return oracle::parse_scenario_file(read_text_file(path));
}

bool for_each_scenario_revision(
    const std::vector<std::string>& arguments,
    const std::function<void(const ScenarioFile&, const oracle::Scenario&, oracle::Revision)>& each) {
  bool all_valid = true;
  for (const auto& file : find_scenario_files(arguments)) {
    oracle::Scenario scenario;
    try {
      scenario = load_scenario(file.path);
    } catch (const oracle::ScenarioError& error) {
      std::cerr << file.path.string() << ": " << error.what() << '\n';
      all_valid = false;
      continue;
    }
    for (const auto revision : scenario.revisions) each(file, scenario, revision);
  }
  return all_valid;
}

}  // namespace ctrlab::cli
