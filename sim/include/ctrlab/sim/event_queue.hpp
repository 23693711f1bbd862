#pragma once

#include <cstdint>
#include <vector>

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

// Pending events ordered by (time, insertion order): a 4-ary min-heap, which keeps the
// comparisons per level cache-friendly for the million-event queues of mass autostart.
class EventQueue {
 public:
  void push(SimTime at, EventHandler& handler, EventTag tag);
  [[nodiscard]] const ScheduledEvent& top() const { return heap_.front(); }
  ScheduledEvent pop();
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t events) { heap_.reserve(events); }

 private:
  static bool earlier(const ScheduledEvent& a, const ScheduledEvent& b) {
    return a.at < b.at || (a.at == b.at && a.sequence < b.sequence);
  }
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);

  std::vector<ScheduledEvent> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace ctrlab::sim
