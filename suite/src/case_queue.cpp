#include "case_queue.hpp"

#include <algorithm>
#include <numeric>

#include "ctrlab/suite/expect.hpp"

namespace ctrlab::suite {

oracle::MonotonicUsec expected_duration(const oracle::Expectation& expected) {
  oracle::MonotonicUsec last = 0;
  for (const auto& [container, history] : expected.unit_histories) {
    if (!history.changes.empty()) last = std::max(last, history.changes.back().at);
  }
  return last;
}

CaseQueue::CaseQueue(const std::vector<Case>& cases, Order order) : cases_(cases), order_(cases.size()) {
  expectations_.reserve(cases.size());
  for (const auto& c : cases) expectations_.push_back(expect(c.scenario, c.revision));
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  if (order == Order::longest_expected_first) {
    std::vector<oracle::MonotonicUsec> durations;
    for (const auto& expected : expectations_) durations.push_back(expected_duration(expected));
    // Stable: cases expected to take as long keep the suite's order.
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return durations[a] > durations[b]; });
  }
}

std::optional<CaseQueue::Entry> CaseQueue::take() {
  const std::lock_guard lock(mutex_);
  if (closed_ || next_ == order_.size()) return std::nullopt;
  const auto index = order_[next_++];
  return Entry{index, &cases_[index], &expectations_[index]};
}

bool CaseQueue::empty() const {
  const std::lock_guard lock(mutex_);
  return closed_ || next_ == order_.size();
}

void CaseQueue::close() {
  const std::lock_guard lock(mutex_);
  closed_ = true;
}

}  // namespace ctrlab::suite
