#include "ctrlab/autostart/fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "ctrlab/sim/autostart.hpp"

namespace ctrlab::autostart {
namespace {

using sim::Phase;

constexpr std::array<Phase, 6> measured_phases = {Phase::manager_job, Phase::start_pre,  Phase::nspawn_setup,
                                                  Phase::init_until_ready, Phase::start_post, Phase::shutdown};

sim::Duration duration(Seconds span) { return sim::Duration(static_cast<sim::Duration::rep>(std::llround(span.count() * 1e6))); }

// systemd dispatches the start jobs of a batch one after another: the time between two units
// leaving inactive is what one job costs it.
std::optional<double> median_dispatch_gap(const std::vector<PhaseSample>& samples) {
  std::vector<double> gaps;
  for (const auto& sample : samples) {
    std::vector<double> left;
    for (const auto& start : sample.starts) {
      if (start.left_inactive) left.push_back(start.left_inactive->count());
    }
    std::sort(left.begin(), left.end());
    for (std::size_t i = 1; i < left.size(); ++i) gaps.push_back(left[i] - left[i - 1]);
  }
  if (gaps.empty()) return std::nullopt;
  return median(std::move(gaps));
}

// systemd's work per job is the gap between two dispatches; handling what a process reports
// (forking the unit's next process, or entering running) is priced alike. Each of the phases
// measured from one state change to the next contains one such report: the start-pre's exit,
// READY=1, the start-post's exit. The simulator charges those to the manager, so they come off
// the phases' lone wall times.
void charge_the_manager(std::map<Phase, double>& lone_wall, double per_job) {
  lone_wall[Phase::manager_job] = per_job;
  lone_wall[Phase::manager_event] = per_job;
  for (const auto phase : {Phase::start_pre, Phase::init_until_ready, Phase::start_post}) {
    if (const auto found = lone_wall.find(phase); found != lone_wall.end()) {
      found->second = std::max(0.0, found->second - per_job);
    }
  }
}

// The ready figures measured at each concurrency, medians over the runs.
std::map<std::size_t, ReadyFigures> measured_ready(const std::vector<PhaseSample>& samples) {
  std::map<std::size_t, std::vector<ReadyFigures>> runs;
  for (const auto& sample : samples) {
    std::vector<std::optional<Seconds>> ready;
    for (const auto& start : sample.starts) ready.push_back(start.ready);
    runs[sample.concurrency].push_back(ready_figures(ready));
  }
  std::map<std::size_t, ReadyFigures> figures;
  for (const auto& [concurrency, each] : runs) figures.emplace(concurrency, median_figures(each));
  return figures;
}

// How a split is tried: the CPU share of every phase's lone wall time, the crowding, how many
// processes the container's boot runs side by side, and how much of an nspawn's setup work is
// serialised host-wide (PhaseCost::serial), and how long a setup waits first holding that lock
// (PhaseCost::serial_wait).
struct Split {
  double cpu_share = 1;
  double crowding = 0;
  unsigned boot_processes = 1;
  double serial_setup_share = 0;
  double serial_setup_wait = 0;  // seconds, out of the setup's latency
};

// Every phase's lone wall time, `cpu_share` of it computing and the rest latency; `crowding`
// CPU seconds more for each nspawn's setup per nspawn starting with it. A boot done by k
// processes side by side computes on min(k, cores) cores when alone, so its CPU work is that many
// times its computing time; under load it gets k shares of the machine (the scheduler's fair
// share is per process), which moves the boots that began first ahead of the rest.
sim::Calibration split(const std::map<Phase, double>& lone_wall, const Split& tried, const FitSettings& settings) {
  sim::Calibration calibration;
  calibration.cores = settings.cores;
  calibration.crowding_cpu = duration(Seconds(tried.crowding));
  for (const auto& [phase, seconds] : lone_wall) {
    const bool systemd_itself = phase == Phase::manager_job || phase == Phase::manager_event;
    const double computing = systemd_itself ? seconds : seconds * tried.cpu_share;
    const unsigned processes = phase == Phase::init_until_ready ? tried.boot_processes : 1;
    const double alone_on = std::min<double>(processes, settings.cores);
    const bool setup = phase == Phase::nspawn_setup;
    const double serial = setup ? computing * tried.serial_setup_share : 0.0;
    const double wait = setup ? std::min(tried.serial_setup_wait, seconds - computing) : 0.0;
    calibration.cost(phase) = {duration(Seconds((computing - serial) * alone_on)), duration(Seconds(seconds - computing - wait)),
                               processes, duration(Seconds(serial)), duration(Seconds(wait))};
  }
  return calibration;
}

// How far the simulated ready times are from the measured ones: squared log ratios of p50 and
// of the last container's, over every concurrency measured, each weighted by its concurrency:
// a calibration is for mass starts, and the larger batches say more of them (weighted alike,
// the fit of the probe payload traded 200 containers' p50 for 2 containers', bench/README.md
// "Mass autostart").
double misfit(const sim::Calibration& calibration, const std::map<std::size_t, ReadyFigures>& measured,
              const FitSettings& settings) {
  double sum = 0;
  for (const auto& [concurrency, figures] : measured) {
    sim::AutostartRequest request;
    request.containers = concurrency;
    request.unit = settings.unit;
    request.calibration = calibration;
    const auto summary = sim::summarize(sim::simulate_autostart(request));
    const auto weight = static_cast<double>(concurrency);
    const auto add = [&sum, weight](const std::optional<sim::Duration>& simulated, const std::optional<Seconds>& real) {
      if (!simulated || !real || real->count() <= 0) return;
      const double ratio = Seconds(*simulated).count() / real->count();
      sum += weight * std::log(ratio) * std::log(ratio);
    };
    add(summary.p50, figures.p50);
    add(summary.max, figures.max);
  }
  return sum;
}

}  // namespace

sim::Calibration fit_calibration(const std::vector<PhaseSample>& samples, const FitSettings& settings) {
  if (std::none_of(samples.begin(), samples.end(), [](const PhaseSample& sample) { return sample.concurrency == 1; })) {
    throw std::invalid_argument("a calibration needs a start of one container alone");
  }
  std::map<Phase, double> lone_wall;
  for (const auto phase : measured_phases) {
    if (const auto seconds = median_wall(samples, phase, 1)) lone_wall[phase] = seconds->count();
  }
  if (const auto gap = median_dispatch_gap(samples)) charge_the_manager(lone_wall, *gap);

  // A lone start says nothing of crowding or of what serialises; only the larger batches do, so
  // they are fitted with the split, on a grid: CPU share in twentieths, crowding in half
  // milliseconds up to 20 ms per starting nspawn (a tenth of a lone start's CPU on this machine
  // kind, well beyond what was measured), 1 to 3 processes for the boot, and up to half of the
  // setup's work serialised, in eighths.
  const auto measured = measured_ready(samples);
  Split best;
  double best_misfit = INFINITY;
  const auto try_split = [&](const Split& tried) {
    const double candidate = misfit(split(lone_wall, tried, settings), measured, settings);
    if (candidate < best_misfit) {
      best_misfit = candidate;
      best = tried;
    }
  };
  for (unsigned processes = 1; processes <= 3; ++processes) {
    for (int share_step = 0; share_step <= 20; ++share_step) {
      for (int crowding_step = 0; crowding_step <= 40; ++crowding_step) {
        for (int serial_step = 0; serial_step <= 4; ++serial_step) {
          try_split({share_step / 20.0, crowding_step * 0.0005, processes, serial_step / 8.0});
        }
      }
    }
  }
  // The serialised wait at the start of a setup shows only in batches large enough that the
  // setups queue behind each other for longer than their boots take (a probe's boot is short, a
  // systemd's is not): it is fitted after the rest, out of the setup's latency in steps of 2.5 ms
  // up to 50 ms, together with the serialised share and the CPU share it trades against.
  const Split rest = best;
  for (int wait_step = 1; wait_step <= 20; ++wait_step) {
    for (int serial_step = 0; serial_step <= 4; ++serial_step) {
      for (int share_step = 0; share_step <= 20; ++share_step) {
        try_split({share_step / 20.0, rest.crowding, rest.boot_processes, serial_step / 8.0, wait_step * 0.0025});
      }
    }
  }
  return split(lone_wall, best, settings);
}

}  // namespace ctrlab::autostart
