#pragma once

// The real runs of tests/data/runs, read back and judged again as `ctrlab run` judged them.
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/suite/suite.hpp"

namespace recorded {

inline std::filesystem::path runs_directory() { return std::filesystem::path(CTRLAB_SOURCE_DIR) / "tests/data/runs"; }

inline nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

inline ctrlab::oracle::Scenario scenario(const std::string& name) {
  std::ifstream in(runs_directory() / (name + ".json"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ctrlab::oracle::parse_scenario_file(text);
}

inline ctrlab::runner::ScenarioRun run(const std::string& name) {
  return ctrlab::suite::run_from_record(read_json(runs_directory() / (name + ".2022.json")));
}

// The recorded run of `name` judged against the expectation of scenario `against`.
inline ctrlab::suite::CaseOutcome judged(const std::string& name, const ctrlab::runner::ScenarioRun& run,
                                         const std::string& against = "") {
  const ctrlab::suite::Case c{name, scenario(against.empty() ? name : against), ctrlab::oracle::Revision::r2022};
  return ctrlab::suite::judge_case(c, ctrlab::suite::expect(c.scenario, c.revision), run, {"12 ms: installed"});
}

}  // namespace recorded
