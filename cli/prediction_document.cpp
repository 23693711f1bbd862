#include "prediction_document.hpp"

#include <iostream>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/summary.hpp"
#include "files.hpp"

namespace ctrlab::cli {

nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision) {
  return prediction_document(scenario, oracle::predict(scenario, revision));
}

nlohmann::json prediction_document(const oracle::Scenario& scenario, const oracle::Prediction& prediction) {
  nlohmann::json document = oracle::to_json(prediction);
  // A refused spec renders nothing, so there is nothing for nspawn and the kernel to do.
  if (!prediction.error) {
    document["effects"] = oracle::predict_effects(prediction, oracle::host_network_of(scenario.host));
    document["filesystem"] = oracle::predict_filesystems(prediction);
  }
  return document;
}

std::string prediction_summary(const oracle::Scenario& scenario, const oracle::Prediction& prediction) {
  std::string text = oracle::summary_text(prediction);
  if (!prediction.error) {
    text += "\nnetwork effects\n" + oracle::describe(oracle::predict_effects(prediction, oracle::host_network_of(scenario.host)));
    text += "\nfile system\n" + oracle::describe(oracle::predict_filesystems(prediction));
  }
  return text;
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
