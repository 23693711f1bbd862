#pragma once

// The project's own scenario files (scenarios/...), read and parsed for tests.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "ctrlab/oracle/parse.hpp"

namespace sim_test {

inline ctrlab::oracle::Scenario project_scenario(const std::string& relative_path) {
  std::ifstream file(std::string(CTRLAB_SOURCE_DIR) + "/" + relative_path);
  BOOST_TEST_REQUIRE(file.good(), "cannot read " << relative_path);
  std::stringstream text;
  text << file.rdbuf();
  return ctrlab::oracle::parse_scenario_file(text.str());
}

}  // namespace sim_test
