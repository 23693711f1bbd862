#include "ctrlab/autostart/cpu_load.hpp"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

namespace ctrlab::autostart {
namespace {

struct CpuTimes {
  unsigned long long busy = 0;
  unsigned long long total = 0;
};

// The "cpu" line of /proc/stat, in clock ticks: idle and iowait are not busy.
CpuTimes read_cpu_times() {
  std::ifstream stat("/proc/stat");
  std::string label;
  stat >> label;
  CpuTimes times;
  unsigned long long value = 0;
  for (int field = 0; field < 10 && stat >> value; ++field) {
    times.total += value;
    if (field != 3 && field != 4) times.busy += value;
  }
  return times;
}

// "0.52 0.58 0.59 3/148 1234": the 1-minute average and the tasks running or runnable now.
struct LoadLine {
  double one_minute = 0;
  unsigned runnable = 0;
};

LoadLine read_loadavg() {
  std::ifstream file("/proc/loadavg");
  LoadLine line;
  double five = 0;
  double fifteen = 0;
  std::string tasks;
  file >> line.one_minute >> five >> fifteen >> tasks;
  std::istringstream(tasks.substr(0, tasks.find('/'))) >> line.runnable;
  return line;
}

}  // namespace

double load_average() { return read_loadavg().one_minute; }

struct CpuLoadSampler::State {
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  CpuPeak peak;
  std::thread thread;
};

CpuLoadSampler::CpuLoadSampler(std::chrono::milliseconds interval) : state_(std::make_unique<State>()) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  state_->thread = std::thread([state = state_.get(), interval, cores] {
    const auto first = read_cpu_times();
    auto before = first;
    std::unique_lock lock(state->mutex);
    while (!state->wake.wait_for(lock, interval, [state] { return state->stopping; })) {
      const auto now = read_cpu_times();
      if (now.total > before.total) {
        const double busy = static_cast<double>(now.busy - before.busy) / static_cast<double>(now.total - before.total);
        state->peak.busy_cores = std::max(state->peak.busy_cores, busy * cores);
      }
      before = now;
      state->peak.runnable = std::max(state->peak.runnable, read_loadavg().runnable);
    }
    const auto last = read_cpu_times();
    state->peak.busy_seconds = static_cast<double>(last.busy - first.busy) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  });
}

CpuPeak CpuLoadSampler::stop() {
  {
    const std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
  return state_->peak;
}

CpuLoadSampler::~CpuLoadSampler() { (void)stop(); }

}  // namespace ctrlab::autostart
