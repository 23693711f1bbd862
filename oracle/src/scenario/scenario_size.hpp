#pragma once

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/scenario.hpp"

// The scenario-wide limits of InputLimits (parse.hpp) that count what the JSON means, not
// its values: containers, and the network entries the effects model turns into work.
namespace ctrlab::oracle::scenario {

// Each throws ScenarioError naming where a limit is passed: the containers (counted before
// they are read), and the network entries of what was read.
void check_container_count(const nlohmann::json& document);
void check_network_entries(const Scenario& scenario);

}  // namespace ctrlab::oracle::scenario
