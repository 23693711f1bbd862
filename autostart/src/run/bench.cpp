#include "ctrlab/autostart/bench.hpp"

#include <iomanip>
#include <sstream>

#include "ctrlab/autostart/calibrate.hpp"
#include "ctrlab/runner/bare_nspawns.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "run/machined.hpp"

namespace ctrlab::autostart {
namespace {

std::string fixed(double value, int digits = 2) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(digits) << value;
  return text.str();
}

std::string seconds_text(const std::optional<Seconds>& span) { return span ? fixed(span->count()) + " s" : "-"; }

MeasuredRepeat measure_once(runner::Sandbox& sandbox, runner::ScenarioRunner& runner, const oracle::Expectation& expected,
                            const BenchRequest& request, const Progress& progress) {
  MeasuredRepeat repeat;
  runner::ScenarioRunOptions options;
  options.payload = request.payload;
  options.units_only = true;
  options.settle_timeout = request.settle_timeout;
  options.progress = [&progress](const std::string& line) { progress("  " + line); };
  repeat.load_before = load_average();
  std::optional<CpuLoadSampler> sampler;
  options.on_start_requested = [&] { sampler.emplace(); };
  options.on_settled = [&] { repeat.peak = sampler->stop(); };
  const auto run = runner.run(expected, options);
  repeat.starts = measured_starts(run);
  repeat.settled = run.settled_after;
  repeat.problems = run.problems;
  // What the journal says of units that did not end up active; a few tell the story.
  constexpr std::size_t logs_shown = 3;
  for (const auto& [unit, log] : run.unit_logs) {
    if (repeat.problems.size() >= run.problems.size() + logs_shown) break;
    repeat.problems.push_back(unit + " did not end up active; its journal:\n" + log);
  }
  const auto counts = count(repeat.starts);
  progress("  " + std::to_string(counts.ready) + " of " + std::to_string(repeat.starts.size()) + " ready, all settled after " +
           seconds_text(repeat.settled) + "; " + std::to_string(counts.timed_out) + " timed out, " +
           std::to_string(counts.restarts) + " restarts, peak " + fixed(repeat.peak.busy_cores, 1) + " cores busy");
  for (const auto& problem : repeat.problems) progress("  problem: " + problem);

  progress("  bare baseline: the same argvs as transient services, all at once");
  const auto bare = runner::run_bare_nspawns(sandbox, runner.systemd(), expected.rendering, request.payload,
                                             std::chrono::duration_cast<std::chrono::milliseconds>(request.settle_timeout));
  for (const auto& start : bare.starts) repeat.bare_ready.push_back(start.ready ? std::optional<Seconds>(*start.ready) : std::nullopt);
  progress("  bare: all done after " + seconds_text(Seconds(bare.all_done)));
  return repeat;
}

}  // namespace

BenchRun run_bench(runner::Sandbox& sandbox, runner::ScenarioRunner& runner, const BenchRequest& request,
                   const Progress& progress) {
  BenchRun bench;
  bench.request = request;
  const auto expected = expect_fleet(request.fleet);
  start_machined(runner.systemd());
  if (request.calibration) {
    bench.calibration = *request.calibration;
  } else {
    progress("calibrating this machine (" + std::string(runner::to_string(request.payload)) + " payload)");
    CalibrateRequest calibrate_request;
    calibrate_request.payload = request.payload;
    calibrate_request.revision = request.fleet.revision;
    calibrate_request.command = "ctrlab bench autostart (its own calibration)";
    bench.calibration = calibrate(sandbox, runner, calibrate_request, progress).calibration;
  }
  for (std::size_t k = 0; k < request.repeats; ++k) {
    progress("run " + std::to_string(k + 1) + " of " + std::to_string(request.repeats) + ": " +
             std::to_string(request.fleet.containers) + " containers through their target (" +
             std::string(runner::to_string(request.payload)) + " payload)");
    bench.repeats.push_back(measure_once(sandbox, runner, expected, request, progress));
  }
  progress("simulating the same " + std::to_string(request.fleet.containers) + " containers (calibration " +
           bench.calibration.name + ")");
  bench.predicted = predict_starts(expected, bench.calibration, request.settle_timeout);
  return bench;
}

}  // namespace ctrlab::autostart
