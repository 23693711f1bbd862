#include "reachability_effects.hpp"

#include <algorithm>
#include <set>

namespace ctrlab::oracle {
namespace {

constexpr int max_forwarding_hops = 4;

bool is_probe_target(const AddressState& address) {
  return !address.kernel_chosen && (address.scope == AddressScope::global || address.scope == AddressScope::site);
}

const LinkState* find(const NamespaceState& space, std::string_view name) { return space.find_link(name); }

bool owns(const NamespaceState& space, const IpAddress& address) {
  return std::any_of(space.addresses.begin(), space.addresses.end(),
                     [&](const AddressState& each) { return each.local.address == address; });
}

bool owns_on(const NamespaceState& space, const IpAddress& address, std::string_view link) {
  return std::any_of(space.addresses.begin(), space.addresses.end(), [&](const AddressState& each) {
    return each.local.address == address && each.link == link;
  });
}

const RouteState* lookup(const NamespaceState& space, const IpAddress& target) {
  const RouteState* best = nullptr;
  for (const auto& route : space.routes) {
    if (route.type != RouteType::unicast || !route.destination.contains(target)) continue;
    if (best == nullptr || route.destination.length > best->destination.length ||
        (route.destination.length == best->destination.length && route.metric < best->metric)) {
      best = &route;
    }
  }
  return best;
}

// The address a namespace sends from towards `route`: its preferred source, else an address
// of the family on the outgoing link, else any global one.
std::optional<IpAddress> source_for(const NamespaceState& space, const RouteState& route, AddressFamily family) {
  if (route.preferred_source) return route.preferred_source;
  std::optional<IpAddress> fallback;
  for (const auto& address : space.addresses) {
    if (address.local.address.family != family || !is_probe_target(address)) continue;
    if (address.link == route.device) return address.local.address;
    if (!fallback) fallback = address.local.address;
  }
  return fallback;
}

struct Endpoint {
  NamespaceId space;
  std::string link;
  friend auto operator<=>(const Endpoint&, const Endpoint&) = default;
};

// The L3 interfaces that receive a frame `from` transmits: through a veth to its peer, from
// a bridge out of its ports, from a macvlan to its siblings and out of its parent; a frame
// arriving at a bridge port goes to the bridge and out of its other ports.
class Segment {
 public:
  explicit Segment(const NetworkState& state) : state_(state) {}

  std::set<Endpoint> receivers(const Endpoint& from) {
    receivers_.clear();
    visited_.clear();
    transmit(from);
    receivers_.erase(from);
    return receivers_;
  }

 private:
  const LinkState* link(const Endpoint& at) const {
    const NamespaceState* space = state_.find(at.space);
    return space == nullptr ? nullptr : find(*space, at.link);
  }

  void transmit(const Endpoint& from) {
    const LinkState* sender = link(from);
    if (sender == nullptr || !sender->up || !sender->lower_up || !visited_.insert({from, true}).second) return;
    if (sender->kind == LinkKind::veth && sender->peer) receive(Endpoint{sender->peer->space, sender->peer->link});
    if (sender->kind == LinkKind::bridge) {
      for (const auto& port : ports_of(from)) transmit(port);
    }
    if ((sender->kind == LinkKind::macvlan || sender->kind == LinkKind::ipvlan) && sender->parent) {
      const Endpoint parent{sender->parent->space, sender->parent->link};
      for (const auto& sibling : uppers_of(parent)) {
        if (!(sibling == from)) receive_directly(sibling);
      }
      transmit(parent);
    }
  }

  void receive(const Endpoint& at) {
    const LinkState* receiver = link(at);
    if (receiver == nullptr || !receiver->up || !visited_.insert({at, false}).second) return;
    for (const auto& upper : uppers_of(at)) receive_directly(upper);
    if (receiver->master) {
      const Endpoint bridge{at.space, *receiver->master};
      receive_directly(bridge);
      for (const auto& port : ports_of(bridge)) {
        if (!(port == at)) transmit(port);
      }
      return;
    }
    receivers_.insert(at);
  }

  void receive_directly(const Endpoint& at) {
    const LinkState* receiver = link(at);
    if (receiver != nullptr && receiver->up) receivers_.insert(at);
  }

  std::vector<Endpoint> ports_of(const Endpoint& bridge) const {
    std::vector<Endpoint> ports;
    if (const NamespaceState* space = state_.find(bridge.space)) {
      for (const auto& each : space->links) {
        if (each.master == bridge.link) ports.push_back({bridge.space, each.name});
      }
    }
    return ports;
  }

  std::vector<Endpoint> uppers_of(const Endpoint& lower) const {
    std::vector<Endpoint> uppers;
    const auto collect = [&](const NamespaceId& id, const NamespaceState& space) {
      for (const auto& each : space.links) {
        if (each.parent && each.parent->space == lower.space && each.parent->link == lower.link) uppers.push_back({id, each.name});
      }
    };
    collect(NamespaceId::host(), state_.host);
    for (const auto& [name, space] : state_.containers) collect(NamespaceId::of_container(name), space);
    return uppers;
  }

  const NetworkState& state_;
  std::set<Endpoint> receivers_;
  std::set<std::pair<Endpoint, bool>> visited_;
};

class Paths {
 public:
  Paths(const NetworkState& state, const HostNetwork& host) : state_(state), host_(host), segment_(state) {}

  // Where a packet from `from` to `target` ends up: the namespace that owns `target`, or the
  // reason it gets nowhere. `via` names the first hop for people.
  struct Delivery {
    std::optional<NamespaceId> at;
    std::string via;
    std::string failure;
  };

  Delivery deliver(const NamespaceId& from, const IpAddress& target, int hops_left = max_forwarding_hops) {
    const NamespaceState* space = state_.find(from);
    if (space == nullptr) return {std::nullopt, "", from.to_string() + " does not exist"};
    if (owns(*space, target)) {
      const LinkState* lo = find(*space, "lo");
      if (lo == nullptr || !lo->up) return {std::nullopt, "", "lo is down in " + from.to_string()};
      return {from, "local", ""};
    }
    const RouteState* route = lookup(*space, target);
    if (route == nullptr) return {std::nullopt, "", "no route to " + target.to_string() + " in " + from.to_string()};
    const IpAddress next_hop = route->gateway.value_or(target);
    for (const Endpoint& neighbour : segment_.receivers(Endpoint{from, route->device})) {
      const NamespaceState* other = state_.find(neighbour.space);
      if (other == nullptr) continue;
      // IPv4 answers ARP for any of its addresses (arp_ignore=0); IPv6 answers neighbour
      // solicitations only for addresses on the receiving link.
      const bool answers = next_hop.family == AddressFamily::ipv4 ? owns(*other, next_hop)
                                                                  : owns_on(*other, next_hop, neighbour.link);
      if (!answers) continue;
      if (owns(*other, target)) return {neighbour.space, route->device, ""};
      if (neighbour.space.is_host() && host_.ip_forward && hops_left > 0) {
        Delivery onward = deliver(neighbour.space, target, hops_left - 1);
        if (onward.at) onward.via = route->device + ", forwarded by the host";
        return onward;
      }
      return {std::nullopt, route->device,
              neighbour.space.to_string() + " does not forward to " + target.to_string()};
    }
    return {std::nullopt, route->device,
            "no neighbour answers for " + next_hop.to_string() + " on " + route->device + " in " + from.to_string()};
  }

  ReachabilityExpectation probe(const NamespaceId& from, const IpAddress& target) {
    ReachabilityExpectation expectation;
    expectation.probe = ReachabilityProbe{from, target, std::nullopt, "icmp"};
    const Delivery request = deliver(from, target);
    if (!request.at) {
      expectation.why = request.failure;
      return expectation;
    }
    if (*request.at == from) {
      expectation.answers = true;
      expectation.why = "local address";
      return expectation;
    }
    const NamespaceState* space = state_.find(from);
    const RouteState* route = lookup(*space, target);
    const auto source = source_for(*space, *route, target.family);
    if (!source) {
      expectation.why = "no source address for " + target.to_string() + " in " + from.to_string();
      return expectation;
    }
    const Delivery reply = deliver(*request.at, *source);
    if (!reply.at || !(*reply.at == from)) {
      expectation.why = "the reply from " + request.at->to_string() + " to " + source->to_string() + " gets lost: " +
                        (reply.failure.empty() ? "it reaches " + (reply.at ? reply.at->to_string() : "nothing") : reply.failure);
      return expectation;
    }
    expectation.answers = true;
    expectation.why = "via " + request.via;
    return expectation;
  }

 private:
  const NetworkState& state_;
  const HostNetwork& host_;
  Segment segment_;
};

std::vector<NamespaceId> namespaces_of(const NetworkState& state) {
  std::vector<NamespaceId> ids{NamespaceId::host()};
  for (const auto& [name, space] : state.containers) ids.push_back(NamespaceId::of_container(name));
  return ids;
}

}  // namespace

std::vector<ReachabilityExpectation> predict_reachability(const NetworkState& running, const HostNetwork& host,
                                                          const std::map<std::string, ContainerEffects>& containers) {
  std::vector<ReachabilityExpectation> expectations;
  Paths paths(running, host);
  const auto ids = namespaces_of(running);
  for (const auto& from : ids) {
    for (const auto& to : ids) {
      for (const auto& address : running.find(to)->addresses) {
        if (is_probe_target(address)) expectations.push_back(paths.probe(from, address.local.address));
      }
    }
  }
  // Forwarded ports: nspawn DNATs connections to the host's own addresses (not loopback).
  for (const auto& [name, container] : containers) {
    for (const auto& port : container.forwarded_ports) {
      for (const auto& address : running.host.addresses) {
        if (!is_probe_target(address) || address.local.address.family != AddressFamily::ipv4) continue;
        ReachabilityExpectation expectation;
        expectation.probe = ReachabilityProbe{NamespaceId::host(), address.local.address, port.host_port, port.protocol};
        if (!port.target) {
          expectation.why = "container " + name + " has no IPv4 address to forward to";
        } else {
          const auto to_container = paths.probe(NamespaceId::host(), *port.target);
          expectation.answers = to_container.answers;
          expectation.why = "forwarded to " + port.target->to_string() + ":" + std::to_string(port.container_port) +
                            (to_container.answers ? " " + to_container.why : ", which does not answer: " + to_container.why);
        }
        expectations.push_back(expectation);
      }
    }
  }
  return expectations;
}

}  // namespace ctrlab::oracle
