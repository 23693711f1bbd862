#include "ctrlab/sim/start_limit.hpp"

#include <limits>

namespace ctrlab::sim {

bool StartLimit::admit(SimTime now) {
  if (interval_.count() == 0 || burst_ == 0) return true;
  if (!begin_ || (!is_infinite(interval_) && now - *begin_ > interval_)) {
    begin_ = now;
    count_ = 1;
    return true;
  }
  if (count_ == std::numeric_limits<unsigned>::max()) return false;
  ++count_;
  return count_ <= burst_;
}

}  // namespace ctrlab::sim
