// The simulator's speed: raw engine throughput, processor sharing under load, one unit's
// timeline, and mass autostart up to a million containers (target: 10^6 in <= 2 s and
// <= 1 GiB). Memory is the process's peak resident set (getrusage), so run one size per
// process to read it: --benchmark_filter='BM_MassAutostart/1000000'.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include "ctrlab/sim/autostart.hpp"
#include "ctrlab/sim/processor_sharing.hpp"
#include "ctrlab/sim/timeline.hpp"

namespace {

using namespace ctrlab::sim;
using namespace std::chrono_literals;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Schedules and dispatches events at random times: the engine alone.
struct Sink final : EventHandler {
  std::uint64_t seen = 0;
  void on_event(EventTag tag) override { seen += tag.kind; }
};

void BM_EngineEvents(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    Engine engine(1);
    Sink sink;
    Random random(7);
    // Keep `pending` events in flight: each dispatched event is replaced by one later.
    for (std::size_t i = 0; i < pending; ++i) {
      engine.schedule_at(from_usec(static_cast<std::int64_t>(random.next() % 1'000'000)), sink, {1, 0});
    }
    for (std::size_t i = 0; i < 4 * pending; ++i) {
      engine.step();
      engine.schedule_after(Duration(static_cast<Duration::rep>(random.next() % 1'000'000)), sink, {1, 0});
    }
    benchmark::DoNotOptimize(sink.seen);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 4 * state.range(0));
}
BENCHMARK(BM_EngineEvents)->Arg(1000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Jobs of random work on 2 cores, `running` at a time: each completion submits a new job.
struct Resubmitter final : CpuTask {
  ProcessorSharing* cpu = nullptr;
  Random random{3};
  std::uint64_t left = 0;
  void on_cpu_done(std::uint32_t) override {
    if (left == 0) return;
    --left;
    cpu->submit(Duration(1 + static_cast<Duration::rep>(random.next() % 10'000)), *this, 0);
  }
};

void BM_ProcessorSharing(benchmark::State& state) {
  const auto running = static_cast<std::size_t>(state.range(0));
  constexpr std::int64_t completions = 1'000'000;
  for (auto _ : state) {
    Engine engine(1);
    ProcessorSharing cpu(2);
    engine.attach(cpu);
    Resubmitter jobs;
    jobs.cpu = &cpu;
    jobs.left = static_cast<std::uint64_t>(completions);
    for (std::size_t i = 0; i < running; ++i) jobs.on_cpu_done(0);
    engine.run_until(never);
    benchmark::DoNotOptimize(engine.dispatched());
  }
  state.SetItemsProcessed(state.iterations() * completions);
}
BENCHMARK(BM_ProcessorSharing)->Arg(10)->Arg(10'000)->Unit(benchmark::kMillisecond);

// One unit exiting 7 until its start limit, as a scenario prediction does.
void BM_UnitTimeline(benchmark::State& state) {
  TimelineRequest request;
  request.unit = reference_container_unit(ctrlab::oracle::Revision::r2022);
  ctrlab::oracle::BootBehaviour exits;
  exits.action = ctrlab::oracle::BootAction::exit;
  exits.exit_code = 7;
  exits.after = 100ms;
  request.probe.boots = {exits};
  request.observe_for = 60s;
  for (auto _ : state) {
    auto timeline = predict_timeline(request);
    benchmark::DoNotOptimize(timeline);
  }
}
BENCHMARK(BM_UnitTimeline)->Unit(benchmark::kMicrosecond);

void report_autostart(benchmark::State& state, const AutostartSummary& summary) {
  state.counters["containers/s"] = benchmark::Counter(static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(summary.events);
  state.counters["ready"] = static_cast<double>(summary.ready);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// machines.target starting N containers with the built-in nixos-container calibration on
// 2 cores, no start timeout: every container boots once (simulated: ~307 h for 10^6).
void BM_MassAutostart(benchmark::State& state) {
  AutostartRequest request;
  request.containers = static_cast<std::size_t>(state.range(0));
  request.unit.service.timeout_start = infinite_duration;
  request.horizon = 24h * 60;
  AutostartSummary summary;
  for (auto _ : state) summary = summarize(simulate_autostart(request));
  report_autostart(state, summary);
}
BENCHMARK(BM_MassAutostart)->Arg(1000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(3);

// The worst case for the model: systemd's own job cost set to zero, so every container is
// in flight at once (10^6 runnable processes sharing 2 cores).
void BM_MassAutostartAllInFlight(benchmark::State& state) {
  AutostartRequest request;
  request.containers = static_cast<std::size_t>(state.range(0));
  request.unit.service.timeout_start = infinite_duration;
  request.calibration.cost(Phase::manager_job) = PhaseCost{};
  request.horizon = 24h * 60;
  AutostartSummary summary;
  for (auto _ : state) summary = summarize(simulate_autostart(request));
  report_autostart(state, summary);
}
BENCHMARK(BM_MassAutostartAllInFlight)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// nixpkgs #65001: 100 containers, 15 s start timeout: they restart for the whole hour.
void BM_Issue65001(benchmark::State& state) {
  AutostartRequest request;
  request.containers = 100;
  request.calibration = builtin_calibration("issue-65001");
  request.unit.service.timeout_start = std::chrono::seconds(state.range(0));
  AutostartSummary summary;
  for (auto _ : state) summary = summarize(simulate_autostart(request));
  report_autostart(state, summary);
}
BENCHMARK(BM_Issue65001)->Arg(15)->Arg(600)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
