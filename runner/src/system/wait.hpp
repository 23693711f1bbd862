#pragma once

#include <poll.h>

#include <chrono>
#include <span>
#include <string>

// The runner's only way to block: poll(2) on the given descriptors plus the interrupt
// descriptor, until one is ready or the deadline passes. A signal ends it with Interrupted.
namespace ctrlab::runner::sys {

using Clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC, the clock systemd stamps units with

enum class WaitOutcome { ready, deadline };
// Cleanup must finish even after a signal: it waits with OnInterrupt::keep_waiting.
enum class OnInterrupt { throw_interrupted, keep_waiting };

WaitOutcome wait_for(std::span<pollfd> fds, Clock::time_point deadline, const std::string& operation,
                     OnInterrupt on_interrupt = OnInterrupt::throw_interrupted);

// Microseconds of CLOCK_MONOTONIC, as systemd's *TimestampMonotonic properties are.
[[nodiscard]] long long monotonic_usec();

}  // namespace ctrlab::runner::sys
