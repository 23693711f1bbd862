// Full prediction per container (predict(): env file, unit, nspawn argv, host and container
// ops, hosts, notes) for scenarios of 1, 100 and 10 000 containers, and the heap memory the
// finished prediction occupies, per container. Targets: <= 2.7 us and <= 4 KB per container.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle.hpp"

namespace {

using ctrlab::oracle::Revision;

// A realistic mix: veth with addresses and forwarded ports, bridged, bind mounts and flags.
nlohmann::json container(std::size_t index, Revision revision) {
  const std::string name = "c" + std::to_string(index);
  const std::string subnet = std::to_string(index / 250 % 250) + "." + std::to_string(index % 250);
  nlohmann::json spec = {{"path", "/nix/var/nix/profiles/per-container/" + name}, {"privateNetwork", true}};
  switch (index % 4) {
    case 0:
      spec["hostAddress"] = "10." + subnet + ".1";
      spec["localAddress"] = "10." + subnet + ".2";
      spec["forwardPorts"] = {{{"hostPort", 10000 + index % 50000}, {"containerPort", 80}}};
      spec["autoStart"] = true;
      break;
    case 1:
      spec["hostBridge"] = "br0";
      spec["localAddress"] = "192.168.0.10/24";
      spec["localAddress6"] = "fc00::10/64";
      break;
    case 2:
      spec["hostAddress"] = "10." + subnet + ".1";
      spec["localAddress"] = "10." + subnet + ".2";
      spec["bindMounts"] = {{"/srv", {{"hostPath", "/data/" + name}, {"isReadOnly", false}}}};
      spec["extraFlags"] = {"--private-users=pick"};
      break;
    default:
      spec["macvlans"] = {"eth1"};
      spec["autoStart"] = true;
      if (revision != Revision::r2018) spec["timeoutStartSec"] = "2min";
      break;
  }
  return spec;
}

ctrlab::oracle::Scenario scenario_of(std::size_t count, Revision revision) {
  nlohmann::json document = {{"containers", nlohmann::json::object()}};
  for (std::size_t i = 0; i < count; ++i) document["containers"]["c" + std::to_string(i)] = container(i, revision);
  return ctrlab::oracle::parse_scenario(document);
}

// Heap bytes in use (malloc's own accounting, chunk overhead included); read outside timing.
std::size_t heap_in_use() { return mallinfo2().uordblks; }

void BM_PredictPerContainer(benchmark::State& state, Revision revision) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto scenario = scenario_of(count, revision);
  double retained = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::size_t before = heap_in_use();
    state.ResumeTiming();
    auto prediction = ctrlab::oracle::predict(scenario, revision);
    benchmark::DoNotOptimize(prediction);
    state.PauseTiming();
    if (prediction.error || prediction.containers.size() != count) state.SkipWithError("the scenario was refused");
    retained += static_cast<double>(heap_in_use() - before);
    { [[maybe_unused]] const auto discard = std::move(prediction); }
    state.ResumeTiming();
  }
  state.counters["per_container"] = benchmark::Counter(static_cast<double>(count),
                                                       benchmark::Counter::kIsIterationInvariantRate |
                                                           benchmark::Counter::kInvert);
  state.counters["heap_B_per_container"] =
      retained / (static_cast<double>(state.iterations()) * static_cast<double>(count));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

BENCHMARK_CAPTURE(BM_PredictPerContainer, r2025, Revision::r2025)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PredictPerContainer, r2022, Revision::r2022)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PredictPerContainer, r2018, Revision::r2018)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
