#include "ctrlab/autostart/calibrate.hpp"

#include <sys/utsname.h>

#include <ctime>
#include <iomanip>
#include <sstream>
#include <thread>

#include "ctrlab/autostart/fit.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "run/machined.hpp"
#include "ctrlab/sim/container_unit.hpp"
#include "ctrlab/suite/expect.hpp"

namespace ctrlab::autostart {
namespace {

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::ostringstream text;
  text << std::put_time(&utc, "%Y-%m-%d");
  return text.str();
}

// Where the figures come from: the command, the machine, its cores and kernel, the day, the load.
std::string source(const CalibrateRequest& request, unsigned cores, double load) {
  utsname machine{};
  ::uname(&machine);
  std::ostringstream text;
  text << "measured: " << request.command << " on " << machine.nodename << " (" << cores << " cores, "
       << machine.machine << ", Linux " << machine.release << "), " << today() << ", revision "
       << oracle::to_string(request.revision) << ", " << runner::to_string(request.payload)
       << " payload, load average " << std::fixed << std::setprecision(2) << load << " before";
  return text.str();
}

PhaseSample measure(runner::ScenarioRunner& runner, std::size_t concurrency, const CalibrateRequest& request) {
  const auto expected = suite::expect(fleet_scenario({concurrency, request.revision, std::nullopt}), request.revision);
  runner::ScenarioRunOptions options;
  options.payload = request.payload;
  options.units_only = true;
  return {concurrency, start_phases(runner.run(expected, options))};
}

std::string describe(const PhaseSample& sample) {
  std::vector<std::optional<Seconds>> ready;
  for (const auto& start : sample.starts) ready.push_back(start.ready);
  const auto figures = ready_figures(ready);
  std::ostringstream text;
  text << std::fixed << std::setprecision(3) << "  " << sample.concurrency << " at once: ready after p50 "
       << (figures.p50 ? figures.p50->count() : 0) << " s, max " << (figures.max ? figures.max->count() : 0) << " s";
  return text.str();
}

// Each phase's median wall time at each concurrency, in milliseconds: where the time goes.
void tell_phases(const std::vector<PhaseSample>& samples, const CalibrateRequest& request, const Progress& progress) {
  for (std::size_t index = 0; index < sim::phase_count; ++index) {
    const auto phase = static_cast<sim::Phase>(index);
    std::ostringstream line;
    line << "  " << std::left << std::setw(17) << sim::to_string(phase) << std::right;
    bool any = false;
    for (const auto concurrency : request.concurrency) {
      const auto wall = median_wall(samples, phase, concurrency);
      any = any || wall.has_value();
      line << std::setw(6) << concurrency << ": " << std::setw(7);
      if (wall) {
        line << std::fixed << std::setprecision(1) << wall->count() * 1000 << " ms";
      } else {
        line << "-" << "   ";
      }
    }
    if (any) progress(line.str());
  }
}

}  // namespace

MeasuredCalibration calibrate(runner::Sandbox&, runner::ScenarioRunner& runner, const CalibrateRequest& request,
                              const Progress& progress) {
  MeasuredCalibration measured;
  const double load = load_average();
  start_machined(runner.systemd());
  for (std::size_t run = 0; run < request.repeats; ++run) {
    for (const auto concurrency : request.concurrency) {
      measured.samples.push_back(measure(runner, concurrency, request));
      progress(describe(measured.samples.back()));
    }
  }
  progress("median wall time of each phase, by how many containers started at once:");
  tell_phases(measured.samples, request, progress);
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const auto fleet = suite::expect(fleet_scenario({1, request.revision, std::nullopt}), request.revision);
  const auto& [name, container] = *fleet.rendering.containers.begin();
  FitSettings settings{cores, sim::container_unit_from(container, &fleet.effects.containers.at(name))};
  measured.calibration = fit_calibration(measured.samples, settings);
  measured.calibration.name = "measured-" + std::string(runner::to_string(request.payload));
  measured.calibration.description = std::string(runner::to_string(request.payload)) +
                                     " payload in the sandbox host of this machine, " + std::to_string(cores) + " cores";
  measured.calibration.source = source(request, cores, load);
  return measured;
}

}  // namespace ctrlab::autostart
