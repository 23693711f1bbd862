#pragma once

#include <vector>

#include "ctrlab/autostart/phases.hpp"
#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/container_unit.hpp"

// From measured starts to a calibration: each phase's wall time with one container alone is its
// latency plus its CPU work (a lone start has a core to itself); how the ready times stretch
// with 2, 4 and 8 containers at once says how much of it is CPU work, the largest batch the
// crowding, and how far the first of a batch are ahead of the last how many processes a boot runs
// side by side. The split is the one whose simulation (of `unit`, on `cores`) best matches the
// measured ready times at every concurrency — the simulator itself is the model being fitted.
namespace ctrlab::autostart {

struct FitSettings {
  unsigned cores = 2;
  sim::ContainerUnit unit;
};

// Needs a sample with one container; InputError-free: phases nobody measured cost nothing.
[[nodiscard]] sim::Calibration fit_calibration(const std::vector<PhaseSample>& samples, const FitSettings& settings);

}  // namespace ctrlab::autostart
