#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/container_unit.hpp"
#include "ctrlab/sim/service_state.hpp"

// Mass autostart: N container units started together by machines.target on a host with C
// cores. Every start costs CPU work (systemd's job, preStart, nspawn's setup, the container's
// boot until READY=1, postStart) shared by processor sharing, plus fixed latencies; the units
// then time out, restart and hit start limits exactly as one unit does (nixpkgs #65001: 100
// containers at boot all timed out under a 15 s start timeout).
namespace ctrlab::sim {

struct AutostartRequest {
  std::size_t containers = 100;
  ContainerUnit unit = reference_container_unit(oracle::newest_revision);
  Calibration calibration = builtin_calibration("nixos-container");
  unsigned cores = 0;      // 0: the calibration's
  std::uint64_t seed = 0;  // 0: the calibration's
  // Simulate at most this long; units still restarting then are reported as never ready.
  Duration horizon = std::chrono::hours(1);
};

// What happened to one container (24 bytes: a million of them are kept).
struct ContainerOutcome {
  SimTime first_ready = never;       // first entered active/running; never if it did not
  std::uint32_t start_timeouts = 0;  // TimeoutStartSec= expiries
  std::uint32_t restarts = 0;        // NRestarts at the end
  bool start_limit_hit = false;
  ActiveState final_state = ActiveState::inactive;

  [[nodiscard]] bool ready() const { return first_ready != never; }
};

struct AutostartResult {
  std::vector<ContainerOutcome> containers;
  unsigned cores = 0;
  SimTime ended_at{};
  bool settled = false;             // every unit running, or down for good, before the horizon
  std::uint64_t events = 0;
  std::size_t peak_runnable = 0;    // the most CPU-hungry processes at once
};

[[nodiscard]] AutostartResult simulate_autostart(const AutostartRequest& request);

struct AutostartSummary {
  std::size_t containers = 0;
  unsigned cores = 0;
  std::size_t ready = 0;          // became active at least once
  std::size_t timed_out = 0;      // hit TimeoutStartSec= at least once
  std::uint64_t start_timeouts = 0;
  std::uint64_t restarts = 0;     // sum of NRestarts
  std::size_t start_limit_hits = 0;
  std::size_t failed_at_end = 0;  // ActiveState=failed when the simulation ended
  // Of the ready containers' first-ready times (nearest rank); unset when none was ready.
  std::optional<Duration> p50, p90, p99, max;
  std::optional<Duration> all_ready_after;  // set when every container became ready
  Duration simulated{0};
  bool settled = false;
  std::uint64_t events = 0;
  std::size_t peak_runnable = 0;
};

[[nodiscard]] AutostartSummary summarize(const AutostartResult& result);

// Durations in seconds (floating point), null where unset.
[[nodiscard]] nlohmann::json summary_to_json(const AutostartSummary& summary);

}  // namespace ctrlab::sim
