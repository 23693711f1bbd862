#include "ctrlab/suite/expect.hpp"

#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/sim/input_error.hpp"
#include "ctrlab/sim/timeline.hpp"

namespace ctrlab::suite {

oracle::Expectation expect(const oracle::Scenario& scenario, oracle::Revision revision) {
  auto expected = oracle::expect(oracle::predict(scenario, revision), oracle::host_network_of(scenario.host));
  expected.behaviours = scenario.probes;
  if (expected.rendering.error) return expected;
  try {
    auto outcomes = sim::predict_unit_outcomes(expected);
    expected.unit_histories = std::move(outcomes.histories);
    expected.stop_outcomes = std::move(outcomes.stops);
  } catch (const sim::InputError& error) {
    expected.notes.push_back(std::string("unit histories not predicted: ") + error.what());
  }
  return expected;
}

}  // namespace ctrlab::suite
