#include "ctrlab/runner/interrupt.hpp"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "ctrlab/runner/error.hpp"
#include "system/syscall.hpp"

namespace ctrlab::runner {
namespace {

std::atomic<int> received{0};
std::atomic<int> event_fd{-1};
struct sigaction previous_int {};
struct sigaction previous_term {};

extern "C" void on_interrupt_signal(int signal_number) {
  const int saved_errno = errno;
  received.store(signal_number);
  const std::uint64_t one = 1;
  if (const int fd = event_fd.load(); fd >= 0) (void)::write(fd, &one, sizeof one);
  errno = saved_errno;
}

}  // namespace

InterruptWatch::InterruptWatch() {
  const int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (fd < 0) sys::throw_errno("create interrupt eventfd");
  event_fd.store(fd);
  received.store(0);
  struct sigaction action {};
  action.sa_handler = on_interrupt_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &action, &previous_int);
  ::sigaction(SIGTERM, &action, &previous_term);
}

InterruptWatch::~InterruptWatch() {
  ::sigaction(SIGINT, &previous_int, nullptr);
  ::sigaction(SIGTERM, &previous_term, nullptr);
  ::close(event_fd.exchange(-1));
}

int InterruptWatch::received_signal() { return received.load(); }

int InterruptWatch::fd() { return event_fd.load(); }

void InterruptWatch::throw_if_received(const std::string& operation) {
  if (received.load() != 0) throw Interrupted(operation);
}

}  // namespace ctrlab::runner
