#include "system/wait.hpp"

#include <time.h>

#include <algorithm>
#include <vector>

#include "ctrlab/runner/interrupt.hpp"
#include "system/syscall.hpp"

namespace ctrlab::runner::sys {

WaitOutcome wait_for(std::span<pollfd> fds, Clock::time_point deadline, const std::string& operation,
                     OnInterrupt on_interrupt) {
  const bool interruptible = on_interrupt == OnInterrupt::throw_interrupted;
  std::vector<pollfd> all(fds.begin(), fds.end());
  if (interruptible && InterruptWatch::fd() >= 0) all.push_back(pollfd{InterruptWatch::fd(), POLLIN, 0});
  for (;;) {
    if (interruptible) InterruptWatch::throw_if_received(operation);
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return WaitOutcome::deadline;
    for (auto& entry : all) entry.revents = 0;
    const int ready = ::poll(all.data(), all.size(), static_cast<int>(std::min<long long>(left, 60'000)));
    if (ready < 0) {
      if (errno == EINTR) continue;
      throw_errno(operation + ": poll");
    }
    if (interruptible) InterruptWatch::throw_if_received(operation);
    if (ready > 0) {
      std::copy_n(all.begin(), fds.size(), fds.begin());
      return WaitOutcome::ready;
    }
  }
}

long long monotonic_usec() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<long long>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1'000;
}

}  // namespace ctrlab::runner::sys
