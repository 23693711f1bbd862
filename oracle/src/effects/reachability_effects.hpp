#pragma once

#include <vector>

#include "ctrlab/oracle/effects.hpp"

// Which addresses and forwarded ports answer from where, read off the predicted state.
namespace ctrlab::oracle {

// One probe per (source namespace, global address elsewhere or in it) and per forwarded
// port on each of the host's global IPv4 addresses. A probe answers when the request finds a
// route, a neighbour that owns the next hop on the same L2 segment (veth, bridge, macvlan),
// and the reply finds its way back the same way; the host forwards only with ipForward.
[[nodiscard]] std::vector<ReachabilityExpectation> predict_reachability(const NetworkState& running, const HostNetwork& host,
                                                                        const std::map<std::string, ContainerEffects>& containers);

}  // namespace ctrlab::oracle
