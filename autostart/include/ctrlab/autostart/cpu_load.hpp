#pragma once

#include <chrono>
#include <memory>

// How busy the machine is, from the kernel's own counters (/proc/stat, /proc/loadavg): the
// whole machine, not only what ctrlab started, because other work on it changes every figure.
namespace ctrlab::autostart {

// The 1-minute load average right now.
[[nodiscard]] double load_average();

struct CpuPeak {
  double busy_cores = 0;      // the most cores busy over one sampling interval
  unsigned runnable = 0;      // the most tasks running or runnable at once (/proc/loadavg)
  double busy_seconds = 0;    // CPU time the whole machine spent busy, from start to stop
};

// Samples in a thread of its own from construction until stop() (or destruction).
class CpuLoadSampler {
 public:
  explicit CpuLoadSampler(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~CpuLoadSampler();
  CpuLoadSampler(const CpuLoadSampler&) = delete;
  CpuLoadSampler& operator=(const CpuLoadSampler&) = delete;

  CpuPeak stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ctrlab::autostart
