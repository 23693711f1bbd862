#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/prediction.hpp"

// The rendering of a ground-truth case (../shared/groundtruth/cases/CASE.json, `expected`):
// what the real module rendered, as the effects model's input. Only the fields the network
// effects use are read: nspawnArgv, hostOps and containerOps.
namespace ctrlab::testing {

// nullopt when the shared folder is not there (the test then says so and skips).
[[nodiscard]] std::optional<oracle::Prediction> ground_truth_rendering(const std::string& case_file);

}  // namespace ctrlab::testing
