#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/suite/suite.hpp"

// The cases of a suite waiting for a sandbox host, each with its expectation (built once, up
// front, in the caller's thread), handed out one at a time to whichever sandbox asks first: a
// shared queue, not a split fixed in advance, because cases differ a lot in how long they take.
namespace ctrlab::suite {

class CaseQueue {
 public:
  enum class Order {
    given,                   // one sandbox: the order does not change how long the suite takes
    longest_expected_first,  // several: the long cases start early, the short ones fill the gaps
  };

  struct Entry {
    std::size_t index = 0;  // the case's place in the suite
    const Case* c = nullptr;
    const oracle::Expectation* expected = nullptr;
  };

  CaseQueue(const std::vector<Case>& cases, Order order);

  // The next case, or none when all are handed out or the queue was closed. Thread-safe.
  [[nodiscard]] std::optional<Entry> take();
  // Whether every case was handed out (or the queue closed).
  [[nodiscard]] bool empty() const;
  // Hands out nothing more: the run is ending.
  void close();

 private:
  const std::vector<Case>& cases_;
  std::vector<oracle::Expectation> expectations_;  // by case index
  std::vector<std::size_t> order_;                 // case indices, in the order they are handed out
  mutable std::mutex mutex_;
  std::size_t next_ = 0;
  bool closed_ = false;
};

// How long a case is expected to take, for the order only: when the simulator's unit histories
// make their last change (a restart loop until the start limit, a start timeout). A case with
// none (refused, or a unit the simulator does not model) counts as short.
[[nodiscard]] oracle::MonotonicUsec expected_duration(const oracle::Expectation& expected);

}  // namespace ctrlab::suite
