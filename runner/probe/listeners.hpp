#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/runner/probe_protocol.hpp"

// The ports the probe serves for the runner's reachability probes, on every IPv4 and IPv6
// address of the container's namespace: a TCP listener accepts each connection and keeps it
// until the peer ends it, a
// UDP one sends each datagram back from the address it was sent to (so a DNAT'd exchange
// matches its connection-tracking entry).
namespace ctrlab::probe {

class Listeners {
 public:
  using Deadline = std::optional<std::chrono::steady_clock::time_point>;

  // Opens each listener for IPv4 and IPv6; what cannot be opened is named in `failures`
  // ("tcp 80 (IPv4): bind: Address already in use"). A namespace without IPv6 is no failure.
  static Listeners open(const std::vector<runner::probe::Listener>& wanted, std::vector<std::string>& failures);

  Listeners() = default;
  Listeners(Listeners&& other) noexcept;
  Listeners& operator=(Listeners&& other) noexcept;
  Listeners(const Listeners&) = delete;
  Listeners& operator=(const Listeners&) = delete;
  ~Listeners();

  // Serves until `deadline`; with no deadline, until the process ends.
  void serve_until(Deadline deadline);

 private:
  void close_all();

  struct Socket {
    int fd = -1;
    bool stream = false;
    int family = 0;
  };
  std::vector<Socket> sockets_;
  std::vector<int> connections_;  // accepted, open until the peer ends them
};

}  // namespace ctrlab::probe
