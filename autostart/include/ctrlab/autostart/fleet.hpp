#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"

// The containers a mass autostart starts, declared as a real host declares them: N autoStart
// containers c0 ... c(N-1), each with its own veth, a host and a local address and a forwarded
// port (revisions with networking; 2014 has none). Rendered by the oracle like any scenario, so
// what runs is what the module renders.
namespace ctrlab::autostart {

struct FleetSpec {
  std::size_t containers = 1;
  oracle::Revision revision = oracle::newest_revision;
  // timeoutStartSec as the module takes it ("15s", "2min"); unset: the module's default.
  std::optional<std::string> timeout_start;
};

// At most this many: 16 384 address blocks of four in 10.231.0.0/16, and the scenario limit.
inline constexpr std::size_t most_containers = 1000;

[[nodiscard]] oracle::Scenario fleet_scenario(const FleetSpec& spec);

// A fleet the module cannot render as asked (an option its revision does not have).
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The fleet's expectation (suite::expect), as `ctrlab run` would run it. Throws RequestError.
[[nodiscard]] oracle::Expectation expect_fleet(const FleetSpec& spec);

}  // namespace ctrlab::autostart
