#include "prediction_document.hpp"

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/suite/expect.hpp"
#include "files.hpp"

namespace ctrlab::cli {

nlohmann::json prediction_document(const oracle::Scenario& scenario, oracle::Revision revision) {
  return oracle::expectation_document(suite::expect(scenario, revision));
}

oracle::Scenario load_scenario(const std::filesystem::path& path) {
  return oracle::parse_scenario_file(read_text_file(path));
}

}  // namespace ctrlab::cli
