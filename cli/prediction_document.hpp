#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"

namespace ctrlab::cli {

// Everything ctrlab predicts for a scenario under one revision, as one JSON document: what
// `predict --json` prints, what snapshots hold, what `compare` and `check` diff.
[[nodiscard]] nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision);
[[nodiscard]] nlohmann::json prediction_document(const oracle::Scenario& scenario, const oracle::Prediction& prediction);

// The same as a person reads it: the rendering, then what nspawn and the kernel make of it.
[[nodiscard]] std::string prediction_summary(const oracle::Scenario& scenario, const oracle::Prediction& prediction);

// Reads and validates a scenario file; a bad one throws oracle::ScenarioError (or FileError).
[[nodiscard]] oracle::Scenario load_scenario(const std::filesystem::path& path);

}  // namespace ctrlab::cli
