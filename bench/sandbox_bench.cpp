// The sandbox host, measured for real: its boot; one container end to end (install, start,
// ready, observe, stop) against a bare systemd-nspawn of the same root (start, ready, stop);
// fifty autoStart containers started through machines.target against fifty bare
// systemd-nspawn started in parallel, until all are ready. Needs root.
//
// "Bare" is the predicted systemd-nspawn argv run as the only command of a transient
// Type=notify service with a delegated cgroup in the same sandbox (nspawn needs both): no
// module unit, no ExecStartPre/ExecStartPost, no installation, no observation. Both sides use
// the same installed roots, the same probe and the same argv.
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <memory>

#include "ctrlab/oracle.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/runner/bare_nspawns.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/tools.hpp"

namespace {

using namespace ctrlab;
using Clock = std::chrono::steady_clock;

runner::SandboxOptions sandbox_options() {
  runner::SandboxOptions options;
  options.tools = {runner::tools::locate(runner::tools::probe_program), runner::tools::locate(runner::tools::commands_program)};
  return options;
}

// One sandbox and one runner for every benchmark but the boot's, as in a suite run.
struct Suite {
  runner::Sandbox sandbox{sandbox_options()};
  runner::ScenarioRunner runner{sandbox};
};

Suite& suite() {
  static Suite shared;
  return shared;
}

// `count` containers that stay up, each with its own veth and addresses; autoStart or not.
oracle::Scenario containers(int count, bool auto_start) {
  std::string json = R"({"revisions": ["2022"], "containers": {)";
  for (int i = 0; i < count; ++i) {
    const auto name = "c" + std::to_string(i);
    json += (i == 0 ? "" : ",") + std::string("\"") + name + R"(": {"privateNetwork": true, "hostAddress": "10.231.)" +
            std::to_string(i / 250) + "." + std::to_string(2 * (i % 125) + 1) + R"(", "localAddress": "10.231.)" +
            std::to_string(i / 250) + "." + std::to_string(2 * (i % 125) + 2) + R"(", "autoStart": )" +
            (auto_start ? "true" : "false") + R"(, "path": "/nix/var/nix/profiles/per-container/)" + name + "\"}";
  }
  return oracle::parse_scenario_file(json + "}}");
}

bool require_root(benchmark::State& state) {
  if (::geteuid() == 0) return true;
  state.SkipWithError("needs root: it boots a sandbox host");
  return false;
}

void report_problems(benchmark::State& state, const runner::ScenarioRun& run) {
  if (!run.problems.empty()) state.SkipWithError(run.problems.front().c_str());
}

double seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

// Every bare nspawn of `prediction`, started at once as transient services until all are ready
// (their start jobs done), then stopped.
runner::BareRun bare_nspawns(const oracle::Prediction& prediction, benchmark::State& state) {
  auto& s = suite();
  auto run = runner::run_bare_nspawns(s.sandbox, s.runner.systemd(), prediction, runner::Payload::probe,
                                      std::chrono::minutes(5));
  for (const auto& start : run.starts) {
    if (!start.ready) state.SkipWithError(("bare nspawn did not start: " + start.container + ": " + start.result).c_str());
  }
  return run;
}

// Boot of the private systemd: exec of systemd-nspawn until the manager's READY=1; and the
// whole take-down as a counter.
void BM_SandboxBoot(benchmark::State& state) {
  if (!require_root(state)) return;
  double teardown = 0;
  for (auto _ : state) {
    auto sandbox = std::make_unique<runner::Sandbox>(sandbox_options());
    state.SetIterationTime(std::chrono::duration<double>(sandbox->boot_duration()).count());
    const auto taking_down = Clock::now();
    sandbox.reset();
    teardown += seconds(Clock::now() - taking_down);
  }
  state.counters["teardown_s"] = benchmark::Counter(teardown / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_SandboxBoot)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// One container through `ctrlab run`'s path: install, start, ready, observe, stop (the time).
// `until_ready_s`: from the start request to ready; `take_back_s`: the uninstall and the
// isolation check after the stop, which the time leaves out.
void BM_OneContainer_EndToEnd(benchmark::State& state) {
  if (!require_root(state)) return;
  const auto scenario = containers(1, false);
  const auto expected = ctrlab::suite::expect(scenario, oracle::Revision::r2022);
  (void)suite().runner.run(expected);  // warm-up: the sandbox's first machinectl starts machined
  double until_ready = 0;
  double take_back = 0;
  for (auto _ : state) {
    const auto run = suite().runner.run(expected);
    report_problems(state, run);
    state.SetIterationTime(seconds(run.stopped_after));
    until_ready += seconds(run.settled_after);
    take_back += seconds(run.duration - run.stopped_after);
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["until_ready_s"] = benchmark::Counter(until_ready / iterations);
  state.counters["take_back_s"] = benchmark::Counter(take_back / iterations);
}
BENCHMARK(BM_OneContainer_EndToEnd)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

// The same container's systemd-nspawn, bare: start, ready, stop (the time). `until_ready_s`:
// from the start request to ready.
void BM_OneContainer_BareNspawn(benchmark::State& state) {
  if (!require_root(state)) return;
  const auto prediction = oracle::predict(containers(1, false), oracle::Revision::r2022);
  (void)bare_nspawns(prediction, state);  // warm-up, as for the end-to-end run
  double until_ready = 0;
  for (auto _ : state) {
    const auto run = bare_nspawns(prediction, state);
    state.SetIterationTime(seconds(run.all_stopped));
    until_ready += seconds(run.all_done);
  }
  state.counters["until_ready_s"] = benchmark::Counter(until_ready / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_OneContainer_BareNspawn)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

// Fifty autoStart containers started the way boot starts them, through machines.target,
// until every one is ready.
void BM_FiftyAutoStart_MachinesTarget(benchmark::State& state) {
  if (!require_root(state)) return;
  const auto expected = ctrlab::suite::expect(containers(50, true), oracle::Revision::r2022);
  for (auto _ : state) {
    const auto run = suite().runner.run(expected);
    report_problems(state, run);
    state.SetIterationTime(std::chrono::duration<double>(run.settled_after).count());
  }
}
BENCHMARK(BM_FiftyAutoStart_MachinesTarget)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

// The same fifty containers' systemd-nspawn, bare, all started at once, until every one is ready.
void BM_FiftyBareNspawn_Parallel(benchmark::State& state) {
  if (!require_root(state)) return;
  const auto prediction = oracle::predict(containers(50, true), oracle::Revision::r2022);
  for (auto _ : state) state.SetIterationTime(seconds(bare_nspawns(prediction, state).all_done));
}
BENCHMARK(BM_FiftyBareNspawn_Parallel)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
