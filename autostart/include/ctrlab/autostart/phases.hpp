#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/autostart/figures.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/sim/calibration.hpp"

// A container's first start split into the simulator's phases (sim/calibrations/README.md,
// "Phases"), in wall time, from the unit's state changes and ExecMainStartTimestampMonotonic
// (systemd's), the probe's start (nspawn exec'd the init) and the stop that followed.
namespace ctrlab::autostart {

struct StartPhases {
  std::string container;
  std::array<std::optional<Seconds>, sim::phase_count> wall;  // by sim::Phase
  std::optional<Seconds> left_inactive;  // since the start request: where systemd dispatched its job
  std::optional<Seconds> ready;          // since the start request: first active
  std::optional<Seconds> cpu;            // CPUUsageNSec when the unit had settled: its whole start
};

[[nodiscard]] std::optional<Seconds>& wall(StartPhases& start, sim::Phase phase);
[[nodiscard]] const std::optional<Seconds>& wall(const StartPhases& start, sim::Phase phase);

// The phases of every container of a run (whose observation has the units' properties).
[[nodiscard]] std::vector<StartPhases> start_phases(const runner::ScenarioRun& run);

// The starts of one run of `concurrency` containers at once.
struct PhaseSample {
  std::size_t concurrency = 1;
  std::vector<StartPhases> starts;
};

// The phase's median wall time over every start of the samples at `concurrency`.
[[nodiscard]] std::optional<Seconds> median_wall(const std::vector<PhaseSample>& samples, sim::Phase phase,
                                                 std::size_t concurrency);

}  // namespace ctrlab::autostart
