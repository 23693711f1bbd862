#pragma once

#include <cstddef>
#include <vector>

namespace ctrlab::sim {

// A min-heap with four children per node: half the levels of a binary heap, and the four
// children of a node share a cache line or two, which is what matters for the heaps of
// mass autostart (pending events, CPU completions). `Earlier(a, b)` is true when a comes first.
template <typename T, typename Earlier>
class DaryHeap {
 public:
  void push(const T& value) {
    items_.push_back(value);
    sift_up(items_.size() - 1);
  }
  [[nodiscard]] const T& top() const { return items_.front(); }
  T pop() {
    T first = items_.front();
    items_.front() = items_.back();
    items_.pop_back();
    if (!items_.empty()) sift_down(0);
    return first;
  }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  void reserve(std::size_t count) { items_.reserve(count); }

 private:
  static constexpr std::size_t arity = 4;

  void sift_up(std::size_t index) {
    const T moving = items_[index];
    while (index > 0) {
      const std::size_t parent = (index - 1) / arity;
      if (!earlier_(moving, items_[parent])) break;
      items_[index] = items_[parent];
      index = parent;
    }
    items_[index] = moving;
  }

  void sift_down(std::size_t index) {
    const T moving = items_[index];
    const std::size_t count = items_.size();
    for (;;) {
      const std::size_t first_child = index * arity + 1;
      if (first_child >= count) break;
      const std::size_t end = first_child + arity < count ? first_child + arity : count;
      std::size_t best = first_child;
      for (std::size_t child = first_child + 1; child < end; ++child) {
        if (earlier_(items_[child], items_[best])) best = child;
      }
      if (!earlier_(items_[best], moving)) break;
      items_[index] = items_[best];
      index = best;
    }
    items_[index] = moving;
  }

  std::vector<T> items_;
  [[no_unique_address]] Earlier earlier_;
};

}  // namespace ctrlab::sim
