#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"

namespace ctrlab::cli {

// Everything ctrlab expects of a scenario under one revision (suite::expect), as one JSON
// document: what `predict --json` prints, what snapshots hold, what `compare` and `check` diff.
[[nodiscard]] nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision);

// Reads and validates a scenario file; a bad one throws oracle::ScenarioError (or FileError).
[[nodiscard]] oracle::Scenario load_scenario(const std::filesystem::path& path);

}  // namespace ctrlab::cli
