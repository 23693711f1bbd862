#pragma once

#include <map>
#include <string>
#include <vector>

#include "ctrlab/oracle/effects.hpp"

// Which addresses and forwarded ports answer from where, read off the predicted state.
namespace ctrlab::oracle {

// Probes: from the host to every container address; from each container to the host's
// addresses on the links that receive its frames, and to the addresses of the containers it
// shares a segment with (every container when the host forwards); per forwarded port, from
// the host to each of its global IPv4 and IPv6 addresses. A probe answers when the request finds a
// route, a neighbour that owns the next hop on the same L2 segment (veth, bridge, macvlan),
// and the reply finds its way back the same way; the host forwards only with ipForward.
//
// The peers of a container and the host addresses of a forwarded port are classes
// (ReachabilityClass): `sampled` lists a bounded number of each, `exhaustive` every member.
struct ReachabilityPrediction {
  std::vector<ReachabilityExpectation> probes;
  std::vector<ReachabilityClass> classes;
};
enum class ProbeSelection { sampled, exhaustive };
[[nodiscard]] ReachabilityPrediction predict_reachability(const NetworkState& running, const HostNetwork& host,
                                                          const std::map<std::string, ContainerEffects>& containers,
                                                          ProbeSelection selection = ProbeSelection::sampled);

}  // namespace ctrlab::oracle
