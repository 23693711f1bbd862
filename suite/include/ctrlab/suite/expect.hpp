#pragma once

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"

// The one place a case's expectation is built. `ctrlab predict` prints it, `ctrlab run` runs
// and judges it: both call this, so they cannot disagree about a scenario.
namespace ctrlab::suite {

// What the module revision renders for the scenario, on the scenario's host (its network, its
// machine-id and kernel version), what nspawn and the kernel make of it, the file systems, the
// containers' behaviours and, from the simulator, the unit histories (left out with a note
// where it cannot model a unit).
[[nodiscard]] oracle::Expectation expect(const oracle::Scenario& scenario, oracle::Revision revision);

}  // namespace ctrlab::suite
