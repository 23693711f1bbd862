#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/runner/probe_protocol.hpp"

// Observing reachability for real: each predicted probe is sent from the network namespace it
// names — an ICMP echo request, a TCP connect, or a UDP datagram the probe's listener sends
// back — all at once, each answered, refused or timed out within one short round. The
// sockets are opened by a helper thread that entered the namespace; the caller's thread
// never changes its namespace.
namespace ctrlab::runner::reachability {

// The namespaces probes are sent from, each as a process (host PID) that lives in it: the
// sandbox's leader for the host, a container's init for a container.
using Vantages = std::map<oracle::NamespaceId, pid_t>;

// Long enough for a neighbour to be resolved and a round trip through nspawn's DNAT, short
// enough that an unanswered probe costs little: every probe waits at the same time.
inline constexpr std::chrono::milliseconds round_timeout{300};
// An IPv6 address answers once duplicate address detection has finished (about 1 s after it
// was added); the round waits for that, at most this long.
inline constexpr std::chrono::milliseconds address_detection_wait{3000};

// What each container's probe must serve for the predicted probes: the TCP listener the
// host's probes connect to, and every port nspawn forwards to it. Containers that share the
// host's network serve nothing (their listeners would be the host's).
[[nodiscard]] std::map<std::string, std::vector<probe::Listener>> probe_listeners(const oracle::NetworkEffects& effects);

// Turns IPv6 duplicate address detection off for the links the namespace of `pid` gets from
// now on (sysctl net.ipv6.conf.{all,default}.accept_dad=0 there), so their addresses answer
// at once. Throws RunnerError.
void turn_off_address_detection(pid_t pid);

// One result per probe, in the order given. A probe from a namespace missing from `vantages`
// (its container is not running) gets no answer.
[[nodiscard]] std::vector<oracle::ReachabilityResult> observe(const std::vector<oracle::ReachabilityProbe>& probes,
                                                              const Vantages& vantages,
                                                              std::chrono::milliseconds timeout = round_timeout);

}  // namespace ctrlab::runner::reachability
