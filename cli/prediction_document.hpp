#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "scenario_files.hpp"

namespace ctrlab::cli {

// Everything ctrlab expects of a scenario under one revision (suite::expect), as one JSON
// document: what `predict --json` prints, what snapshots hold, what `compare` and `check` diff.
[[nodiscard]] nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision);

// Reads and validates a scenario file; a bad one throws oracle::ScenarioError (or FileError).
[[nodiscard]] oracle::Scenario load_scenario(const std::filesystem::path& path);

// Calls `each` for every revision of every scenario file the arguments name (see
// find_scenario_files()). A file that is not a valid scenario is reported on stderr with its
// JSON path and skipped; returns false if any was. Throws FileError as find_scenario_files.
bool for_each_scenario_revision(
    const std::vector<std::string>& arguments,
    const std::function<void(const ScenarioFile&, const oracle::Scenario&, oracle::Revision)>& each);

}  // namespace ctrlab::cli
