#pragma once

#include <string>

// Signal handling for a run. While an InterruptWatch lives, SIGINT, SIGTERM, SIGHUP, SIGQUIT
// and SIGPIPE do not kill the process: they are recorded, every wait of the runner ends with
// Interrupted, and the destructors on the way out take down what the run created.
namespace ctrlab::runner {

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // The signal that arrived, or 0.
  [[nodiscard]] static int received_signal();
  // A file descriptor that becomes readable when a signal arrives; -1 without a watch.
  [[nodiscard]] static int fd();
  // Throws Interrupted naming `operation` when a signal has arrived.
  static void throw_if_received(const std::string& operation);
};

}  // namespace ctrlab::runner
