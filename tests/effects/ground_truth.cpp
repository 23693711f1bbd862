#include "ground_truth.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ctrlab::testing {
namespace {

std::filesystem::path case_path(const std::string& case_file) {
  return std::filesystem::path(CTRLAB_SHARED_DIR) / "groundtruth" / "cases" / case_file;
}

std::optional<std::vector<oracle::Argv>> commands(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::vector<oracle::Argv>>();
}

}  // namespace

boost::unit_test::decorator::precondition ground_truth_case(const std::string& case_file) {
  return boost::unit_test::precondition([case_file](boost::unit_test::test_unit_id) {
    boost::test_tools::assertion_result present(std::filesystem::is_regular_file(case_path(case_file)));
    present.message() << "needs the ground-truth case " << case_path(case_file).string();
    return present;
  });
}

oracle::Prediction ground_truth_rendering(const std::string& case_file) {
  std::ifstream file(case_path(case_file));
  if (!file) throw std::runtime_error("no ground-truth case " + case_path(case_file).string());
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
