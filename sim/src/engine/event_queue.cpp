#include "ctrlab/sim/event_queue.hpp"

#include <utility>

namespace ctrlab::sim {
namespace {
constexpr std::size_t arity = 4;
}

void EventQueue::push(SimTime at, EventHandler& handler, EventTag tag) {
  heap_.push_back(ScheduledEvent{at, next_sequence_++, &handler, tag});
  sift_up(heap_.size() - 1);
}

ScheduledEvent EventQueue::pop() {
  ScheduledEvent first = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return first;
}

void EventQueue::sift_up(std::size_t index) {
  const ScheduledEvent moving = heap_[index];
  while (index > 0) {
    const std::size_t parent = (index - 1) / arity;
    if (!earlier(moving, heap_[parent])) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

void EventQueue::sift_down(std::size_t index) {
  const ScheduledEvent moving = heap_[index];
  const std::size_t count = heap_.size();
  for (;;) {
    const std::size_t first_child = index * arity + 1;
    if (first_child >= count) break;
    std::size_t best = first_child;
    const std::size_t last_child = first_child + arity < count ? first_child + arity : count;
    for (std::size_t child = first_child + 1; child < last_child; ++child) {
      if (earlier(heap_[child], heap_[best])) best = child;
    }
    if (!earlier(heap_[best], moving)) break;
    heap_[index] = heap_[best];
    index = best;
  }
  heap_[index] = moving;
}

}  // namespace ctrlab::sim
