#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ctrlab/sim/dary_heap.hpp"
#include "ctrlab/sim/engine.hpp"
#include "ctrlab/sim/time.hpp"

namespace ctrlab::sim {

// CPU work: microseconds of one core's time.
using CpuWork = Duration;

// Something waiting for a piece of CPU work to be done.
class CpuTask {
 public:
  virtual void on_cpu_done(std::uint32_t tag) = 0;

 protected:
  CpuTask() = default;
  CpuTask(const CpuTask&) = default;
  CpuTask& operator=(const CpuTask&) = default;
  ~CpuTask() = default;
};

// A handle to submitted work, for cancelling it. Default-constructed: no job.
struct CpuJob {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
};

// Processor sharing on `cores` cores, fair per process as the Linux scheduler is where no cpu
// controller groups the processes (this machine's: everything in the root of the v1 cpu
// hierarchy): each of the n runnable processes progresses at min(1, cores / n) of a core, so no
// single process runs faster than one core, and n processes on fewer cores all slow down
// together (as seen when 100 containers boot at once). A job may be done by several processes
// at once (`processes`, e.g. a booting systemd starting units side by side): it gets that many
// shares, so the jobs with more processes runnable move ahead of the others. Completion times
// are rounded up to the microsecond.
//
// Implemented with a virtual clock V (CPU time each runnable process has received since the
// start): a job submitted at V0 with work w done by k processes finishes when V reaches
// V0 + w / k, so a rate change costs nothing and each submission or completion is O(log n).
class ProcessorSharing final : public ContinuousModel {
 public:
  explicit ProcessorSharing(unsigned cores);

  // Starts `work`, done by `processes` processes side by side, now; `task.on_cpu_done(tag)` is
  // called when it is done.
  CpuJob submit(CpuWork work, CpuTask& task, std::uint32_t tag, unsigned processes = 1);
  // Withdraws unfinished work; a no-op for finished or already cancelled work.
  void cancel(CpuJob job);

  [[nodiscard]] unsigned cores() const { return cores_; }
  // Runnable processes (a job counts as many as it has).
  [[nodiscard]] std::size_t runnable() const { return runnable_; }
  // The most processes that were ever runnable at once (compare: the load average in #65001).
  [[nodiscard]] std::size_t peak_runnable() const { return peak_runnable_; }
  // The share of a core each runnable process currently gets.
  [[nodiscard]] double share_per_process() const { return share_; }

  SimTime next_change() override;
  void advance_to(SimTime now) override;
  void on_change(SimTime now) override;

 private:
  struct Slot {
    CpuTask* task = nullptr;
    std::uint32_t tag = 0;
    std::uint32_t generation = 0;
    unsigned processes = 1;
    bool active = false;
  };
  struct Finish {
    double virtual_finish = 0;  // V at which the job is done
    std::uint64_t sequence = 0;
    std::uint32_t slot = 0;
    std::uint32_t generation = 0;
  };
  struct Earlier {
    bool operator()(const Finish& a, const Finish& b) const {
      return a.virtual_finish < b.virtual_finish ||
             (a.virtual_finish == b.virtual_finish && a.sequence < b.sequence);
    }
  };

  [[nodiscard]] bool is_current(const Finish& entry) const;
  void drop_stale_tops();
  void release(std::uint32_t slot);  // and no longer counts its processes as runnable
  void runnable_changed();

  unsigned cores_;
  SimTime now_{};
  double virtual_time_ = 0;
  double share_ = 0;                 // share_per_process(), kept current
  std::optional<SimTime> next_change_;  // cached until the jobs or their shares change
  std::size_t runnable_ = 0;
  std::size_t peak_runnable_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  DaryHeap<Finish, Earlier> finishes_;
  std::vector<std::pair<CpuTask*, std::uint32_t>> completed_;  // scratch for on_change
};

}  // namespace ctrlab::sim
