#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

// A scenario's JSON text read into a document under watch: nlohmann's SAX parser (which
// works without recursion) reports each event to a builder that refuses, the moment it is
// passed, anything beyond InputLimits (parse.hpp), a second definition of a key, and a NUL
// character, each with the JSON path where it happened. Each event costs at most a search of
// one object's keys, so the whole costs n log n. The document that results can be walked
// recursively: it is no deeper than InputLimits::max_depth.
namespace ctrlab::oracle::scenario {

// Throws ScenarioError for malformed JSON (naming line and column), a NUL byte in the text,
// numbers beyond a double's range, and whatever the watch refuses.
[[nodiscard]] nlohmann::json read_checked_json(std::string_view text);

}  // namespace ctrlab::oracle::scenario
