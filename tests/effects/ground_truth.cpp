#include "ground_truth.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace ctrlab::testing {
namespace {

std::optional<std::vector<oracle::Argv>> commands(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::vector<oracle::Argv>>();
}

}  // namespace

std::optional<oracle::Prediction> ground_truth_rendering(const std::string& case_file) {
  std::ifstream file(std::string(CTRLAB_SHARED_DIR) + "/groundtruth/cases/" + case_file);
  if (!file) return std::nullopt;
  const auto document = nlohmann::json::parse(file);
  oracle::Prediction prediction;
  for (const auto& [name, container] : document.at("expected").at("containers").items()) {
    oracle::ContainerPrediction rendering;
    rendering.unitName = container.at("unitName").get<std::string>();
    rendering.nspawnArgv = container.at("nspawnArgv").get<oracle::Argv>();
    const auto& host_ops = container.at("hostOps");
    rendering.hostOps.preStart = commands(host_ops.at("preStart"));
    rendering.hostOps.start = commands(host_ops.at("start"));
    rendering.hostOps.postStart = commands(host_ops.at("postStart"));
    rendering.containerOps = commands(container.at("containerOps"));
    prediction.containers.emplace(name, std::move(rendering));
  }
  return prediction;
}

}  // namespace ctrlab::testing
