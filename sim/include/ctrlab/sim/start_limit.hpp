#pragma once

#include <optional>

#include "ctrlab/sim/time.hpp"

namespace ctrlab::sim {

// StartLimitIntervalSec= / StartLimitBurst= as systemd's ratelimit_below() applies them: a
// fixed window that begins at the first start and is replaced by a new one at the first start
// more than `interval` after it began; within a window, starts beyond `burst` are refused.
// A zero interval or burst disables the limit.
class StartLimit {
 public:
  StartLimit(Duration interval, unsigned burst) : interval_(interval), burst_(burst) {}

  // Counts a start at `now`; false when it is refused ("Start request repeated too quickly").
  bool admit(SimTime now);

  [[nodiscard]] std::optional<SimTime> window_begin() const { return begin_; }
  [[nodiscard]] unsigned starts_in_window() const { return count_; }

 private:
  Duration interval_;
  unsigned burst_;
  std::optional<SimTime> begin_;
  unsigned count_ = 0;
};

}  // namespace ctrlab::sim
