#include "ctrlab/autostart/fleet.hpp"
#include "ctrlab/suite/expect.hpp"

namespace ctrlab::autostart {

oracle::Expectation expect_fleet(const FleetSpec& spec) {
  auto expected = suite::expect(fleet_scenario(spec), spec.revision);
  const std::string revision(oracle::to_string(spec.revision));
  if (expected.rendering.error) {
    throw RequestError("the module (revision " + revision + ") refuses the containers: " + expected.rendering.error->message);
  }
  if (spec.timeout_start) {
    const auto& unit = expected.rendering.containers.begin()->second.unit;
    const auto rendered = unit.serviceConfig.find("TimeoutStartSec");
    if (rendered == unit.serviceConfig.end() || rendered->second != oracle::UnitValue(*spec.timeout_start)) {
      throw RequestError("--timeout-start needs a module revision with timeoutStartSec (2021 or later); revision " +
                         revision + " does not have it");
    }
  }
  return expected;
}

}  // namespace ctrlab::autostart
