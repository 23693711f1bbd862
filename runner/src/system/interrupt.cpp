#include "ctrlab/runner/interrupt.hpp"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>

#include "ctrlab/runner/error.hpp"
#include "system/syscall.hpp"

namespace ctrlab::runner {
namespace {

// Every signal whose default action would end the run without its cleanup: Ctrl-C, kill, a
// closed terminal (HUP), Ctrl-\ (QUIT, which would also dump core), and a reader that went away
// (PIPE: `ctrlab run ... | head`).
constexpr std::array<int, 5> watched_signals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};

std::atomic<int> received{0};
std::atomic<int> event_fd{-1};
std::array<struct sigaction, watched_signals.size()> previous_actions{};

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
  for (std::size_t i = 0; i < watched_signals.size(); ++i) ::sigaction(watched_signals[i], &action, &previous_actions[i]);
}

InterruptWatch::~InterruptWatch() {
  for (std::size_t i = 0; i < watched_signals.size(); ++i) ::sigaction(watched_signals[i], &previous_actions[i], nullptr);
  ::close(event_fd.exchange(-1));
}

int InterruptWatch::received_signal() { return received.load(); }

int InterruptWatch::fd() { return event_fd.load(); }

void InterruptWatch::throw_if_received(const std::string& operation) {
  if (received.load() != 0) throw Interrupted(operation);
}

}  // namespace ctrlab::runner
