#pragma once

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"

namespace ctrlab::oracle {

// What the module revision renders for the scenario: a pure function of the scenario's
// containers and host facts. When the module would refuse the spec, `error` says how (as
// Nix prints it) and nothing else is rendered.
[[nodiscard]] Prediction predict(const Scenario& scenario, Revision revision);

// The prediction as JSON, with the keys of the ground truth (tests/data/groundtruth/README.md,
// `expected`), plus `revision` and `notes`.
[[nodiscard]] nlohmann::json to_json(const Prediction& prediction);
// The same members, to be written one by one (with `more_notes` after the rendering's own
// notes); they refer to `prediction` and `more_notes`, which must outlive them.
[[nodiscard]] JsonMembers prediction_members(const Prediction& prediction, const std::vector<std::string>& more_notes);

}  // namespace ctrlab::oracle
