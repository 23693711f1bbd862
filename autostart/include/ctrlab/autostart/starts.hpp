#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/runner/scenario_runner.hpp"

// What happened to each container of a real mass start, from systemd's own monotonic
// timestamps (the unit's state changes over D-Bus) and the payload's word on its boot.
namespace ctrlab::autostart {

using Seconds = std::chrono::duration<double>;

struct ContainerStart {
  std::string container;
  std::optional<Seconds> ready;          // start job queued -> the unit first active (as systemd sees it)
  std::optional<Seconds> boot_finished;  // start job queued -> the payload said its boot finished
  // Starts that ended before the unit became active: activating went to deactivating, which for
  // the bench's payloads only TimeoutStartSec= does.
  std::uint32_t start_timeouts = 0;
  std::uint32_t restarts = 0;  // NRestarts
  bool start_limit_hit = false;
  // The unit's states over the run as systemd published them (bench.json's "timelines"):
  // where a timed-out start's stop ended and its restart began.
  std::vector<oracle::UnitStateChange> changes;
};

// The start job is queued by the start request of the containers' target, which is where the
// recording begins (ScenarioRun::start_request_usec).
[[nodiscard]] std::vector<ContainerStart> measured_starts(const runner::ScenarioRun& run);

// The starts of one unit's history that timed out (see ContainerStart::start_timeouts).
[[nodiscard]] std::uint32_t start_timeouts(const oracle::UnitHistory& history);

// Totals over the starts of one run.
struct StartCounts {
  std::size_t ready = 0;
  std::size_t timed_out = 0;  // containers with at least one start timeout
  std::uint64_t restarts = 0;
  std::size_t start_limit_hits = 0;
};
[[nodiscard]] StartCounts count(const std::vector<ContainerStart>& starts);

}  // namespace ctrlab::autostart
