#pragma once

#include <boost/test/unit_test.hpp>

#include <string>

#include "ctrlab/oracle/parse.hpp"

// How the oracle refuses a scenario text: the parts of its ScenarioError. A text it accepts
// fails the test.
struct Refusal {
  std::string path;
  std::string expected;
  std::string problem;
  std::string what;
};

inline Refusal refusal_of(const std::string& text) {
  try {
    (void)ctrlab::oracle::parse_scenario_file(text);
  } catch (const ctrlab::oracle::ScenarioError& error) {
    return {error.json_path(), error.expected(), error.problem(), error.what()};
  }
  BOOST_FAIL("accepted: " << text.substr(0, 200));
  return {};
}
