#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ctrlab/autostart/cpu_load.hpp"
#include "ctrlab/autostart/figures.hpp"
#include "ctrlab/autostart/fleet.hpp"
#include "ctrlab/autostart/predicted_starts.hpp"
#include "ctrlab/autostart/starts.hpp"
#include "ctrlab/runner/payload.hpp"
#include "ctrlab/sim/calibration.hpp"

namespace ctrlab::runner {
class Sandbox;
class ScenarioRunner;
}  // namespace ctrlab::runner

// `ctrlab bench autostart`: N autoStart containers started for real in the sandbox host through
// their target, as boot starts them, K times; each time the same N predicted nspawn argvs bare
// (runner/bare_nspawns.hpp); and the simulator's prediction for the same N, with a calibration
// of this machine measured first (calibrate.hpp) or given.
namespace ctrlab::autostart {

using Progress = std::function<void(const std::string&)>;

struct BenchRequest {
  FleetSpec fleet;
  runner::Payload payload = runner::Payload::systemd;
  std::size_t repeats = 1;
  std::optional<sim::Calibration> calibration;  // none: measured first, in the same sandbox
  // How long a start is watched before it counts as never settling; the simulation covers the same.
  std::chrono::seconds settle_timeout{1800};
};

// One measured mass start and its bare baseline.
struct MeasuredRepeat {
  std::vector<ContainerStart> starts;
  std::vector<std::optional<Seconds>> bare_ready;  // one per container
  double load_before = 0;   // the machine's 1-minute load average when the start began
  CpuPeak peak;             // while the containers started
  Seconds settled{0};       // until every unit had settled
  std::vector<std::string> problems;
};

struct BenchRun {
  BenchRequest request;
  sim::Calibration calibration;  // the one the prediction used
  std::vector<MeasuredRepeat> repeats;
  PredictedStarts predicted;
};

// Throws RequestError (fleet.hpp), runner::RunnerError (Interrupted on a signal) and sim::InputError.
[[nodiscard]] BenchRun run_bench(runner::Sandbox& sandbox, runner::ScenarioRunner& runner, const BenchRequest& request,
                                 const Progress& progress);

// What the bench reports: each figure's median over the repeats (measured, bare) against the
// prediction, and the measured counts (medians over the repeats).
struct BenchFigures {
  ReadyFigures measured;
  ReadyFigures boot_finished;  // of the payload's own word, where it gave it
  ReadyFigures bare;
  ReadyFigures predicted;
  FigureErrors error;  // predicted against measured
  double timed_out = 0;
  double restarts = 0;
  double start_limit_hits = 0;
  double ready = 0;
  double peak_busy_cores = 0;  // the highest over the repeats
  unsigned peak_runnable = 0;
  double load_before = 0;  // the highest over the repeats
};

[[nodiscard]] BenchFigures figures_of(const BenchRun& run);

}  // namespace ctrlab::autostart
