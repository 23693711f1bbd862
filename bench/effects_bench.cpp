// The network effects model and the judge, per scenario size: predict_effects() (nspawn's
// links, the kernel model running every ip command, reachability between all namespaces)
// and judge() of an observation equal to the prediction. Containers alternate between a
// routed IPv4+IPv6 veth and a veth bridged on the host's br0.
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

namespace {

using ctrlab::oracle::Revision;

nlohmann::json container(std::size_t index) {
  const std::string name = "c" + std::to_string(index);
  const std::string subnet = std::to_string(index / 250 % 250) + "." + std::to_string(index % 250);
  nlohmann::json spec = {{"path", "/nix/var/nix/profiles/per-container/" + name}, {"privateNetwork", true}};
  if (index % 2 == 0) {
    spec["hostAddress"] = "10." + subnet + ".1";
    spec["localAddress"] = "10." + subnet + ".2";
    spec["hostAddress6"] = "fc00::" + std::to_string(index * 2 + 1);
    spec["localAddress6"] = "fc00::" + std::to_string(index * 2 + 2);
  } else {
    spec["hostBridge"] = "br0";
    spec["localAddress"] = "192.168." + std::to_string(1 + index / 250 % 250) + "." + std::to_string(index % 250 + 1) + "/16";
  }
  return spec;
}

struct Input {
  ctrlab::oracle::Prediction rendering;
  ctrlab::oracle::HostNetwork host;
};

Input input_of(std::size_t count) {
  nlohmann::json document = {
      {"host",
       {{"machineId", "3d1219c7c4c5404aaa1f6d2a48adfda4"},
        {"network", {{"interfaces", {{"br0", {{"kind", "bridge"}, {"addresses", {"192.168.0.1/16"}}}}}}}}}},
      {"containers", nlohmann::json::object()}};
  for (std::size_t i = 0; i < count; ++i) document["containers"]["c" + std::to_string(i)] = container(i);
  const auto scenario = ctrlab::oracle::parse_scenario(document);
  return {ctrlab::oracle::predict(scenario, Revision::r2022), ctrlab::oracle::host_network_of(scenario.host)};
}

void predict_effects(benchmark::State& state) {
  const auto input = input_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto effects = ctrlab::oracle::predict_effects(input.rendering, input.host);
    benchmark::DoNotOptimize(effects);
  }
  state.counters["per_container"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void judge_equal_observation(benchmark::State& state) {
  const auto input = input_of(static_cast<std::size_t>(state.range(0)));
  const auto expected = ctrlab::oracle::expect(input.rendering, input.host);
  ctrlab::oracle::Observation observed;
  observed.network = expected.effects.running;
  observed.reachability.emplace();
  for (const auto& each : expected.effects.reachability) observed.reachability->push_back({each.probe, each.answers});
  for (auto _ : state) {
    auto verdict = ctrlab::oracle::judge(expected, observed);
    benchmark::DoNotOptimize(verdict);
  }
  state.counters["per_container"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(predict_effects)->Arg(1)->Arg(10)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);
BENCHMARK(judge_equal_observation)->Arg(1)->Arg(10)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
