#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ctrlab/autostart/bench.hpp"
#include "ctrlab/autostart/phases.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/runner/payload.hpp"
#include "ctrlab/sim/calibration.hpp"

// `ctrlab calibrate`: what each phase of a container's start costs on this machine, measured in
// the sandbox host from systemd's timestamps and the units' CPU usage, with 1, 2, 4, 8, 24, 48 and
// 96 containers at once so that CPU work (which stretches with load), latency (which does not) and
// crowding (the host-wide work and the serialised waiting that grow with the containers
// starting) can be told apart. The result is a calibration file (sim/calibrations/README.md).
namespace ctrlab::autostart {

struct CalibrateRequest {
  runner::Payload payload = runner::Payload::systemd;
  oracle::Revision revision = oracle::newest_revision;
  std::vector<std::size_t> concurrency{1, 2, 4, 8, 24, 48, 96};
  std::size_t repeats = 2;    // runs at each concurrency
  std::string command;        // how it was asked for, for the file's `source`
};

struct MeasuredCalibration {
  sim::Calibration calibration;
  std::vector<PhaseSample> samples;
};

// Throws runner::RunnerError (Interrupted on a signal).
[[nodiscard]] MeasuredCalibration calibrate(runner::Sandbox& sandbox, runner::ScenarioRunner& runner,
                                            const CalibrateRequest& request, const Progress& progress);

}  // namespace ctrlab::autostart
