#pragma once

#include <vector>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "scenario/json_node.hpp"

// The parts of a scenario file, each read by its own function.
namespace ctrlab::oracle::scenario {

[[nodiscard]] HostFacts parse_host(const JsonNode& node);

[[nodiscard]] ContainerSpec parse_container(const ContainerName& name, const JsonNode& node,
                                            const ParseOptions& options, std::vector<ParseNote>& notes);

[[nodiscard]] ProbeScript parse_probe_script(const JsonNode& node);

// Every option name some module revision has for containers.<name> (for suggestions).
[[nodiscard]] const std::vector<std::string_view>& known_container_options();

}  // namespace ctrlab::oracle::scenario
