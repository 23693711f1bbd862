#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/runner/payload.hpp"
#include "ctrlab/runner/probe_protocol.hpp"

namespace ctrlab::runner {
class Sandbox;
}

// When each container's payload finished booting, in its own words: the probe says it is up
// just before READY=1; a container's systemd keeps FinishTimestampMonotonic. Under revisions
// whose nspawn has no --notify-ready (2014, 2018) a unit is active long before that.
namespace ctrlab::runner::payload_boot {

struct Booting {
  std::string container;
  std::uint32_t nspawn_pid = 0;  // the unit's main process, in the sandbox's PID namespace; 0: none
  std::optional<probe::BootReport> report;  // the probe's latest
};

// CLOCK_MONOTONIC in microseconds, by container; a container whose payload did not finish is
// missing. Under the systemd payload each container's systemd is waited for until `deadline`
// (is-system-running --wait), all from one process in the sandbox.
[[nodiscard]] std::map<std::string, std::int64_t> finished(const Sandbox& sandbox, Payload payload,
                                                           const std::vector<Booting>& containers,
                                                           std::chrono::seconds deadline);

}  // namespace ctrlab::runner::payload_boot
