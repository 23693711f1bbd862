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
    expected.unit_histories = sim::predict_unit_histories(expected.rendering, expected.effects, expected.behaviours);
    expected.stop_outcomes = sim::predict_stop_outcomes(expected.rendering, expected.effects, expected.behaviours);
  } catch (const sim::InputError& error) {
    expected.notes.push_back(std::string("unit histories not predicted: ") + error.what());
  }
  return expected;
}

}  // namespace ctrlab::suite
