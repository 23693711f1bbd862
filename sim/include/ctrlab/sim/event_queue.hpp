#pragma once

#include <cstdint>

#include "ctrlab/sim/dary_heap.hpp"
#include "ctrlab/sim/time.hpp"

namespace ctrlab::sim {

// What a handler is told when its event fires. The meaning of `kind` is the handler's own;
// `generation` lets a handler recognise (and ignore) an event it has since re-armed or
// cancelled, as systemd re-arms a unit's single timer rather than deleting it.
struct EventTag {
  std::uint32_t kind = 0;
  std::uint32_t generation = 0;
};

class EventHandler {
 public:
  virtual void on_event(EventTag tag) = 0;

 protected:
  EventHandler() = default;
  EventHandler(const EventHandler&) = default;
  EventHandler& operator=(const EventHandler&) = default;
  ~EventHandler() = default;
};

struct ScheduledEvent {
  SimTime at;
  std::uint64_t sequence = 0;  // insertion order: equal times fire first-scheduled first
  EventHandler* handler = nullptr;
  EventTag tag;
};

// Pending events ordered by (time, insertion order).
class EventQueue {
 public:
  void push(SimTime at, EventHandler& handler, EventTag tag) {
    heap_.push(ScheduledEvent{at, next_sequence_++, &handler, tag});
  }
  [[nodiscard]] const ScheduledEvent& top() const { return heap_.top(); }
  ScheduledEvent pop() { return heap_.pop(); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t events) { heap_.reserve(events); }

 private:
  struct Earlier {
    bool operator()(const ScheduledEvent& a, const ScheduledEvent& b) const {
      return a.at < b.at || (a.at == b.at && a.sequence < b.sequence);
    }
  };

  DaryHeap<ScheduledEvent, Earlier> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ctrlab::sim
