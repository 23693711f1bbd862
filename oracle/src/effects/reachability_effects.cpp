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

std::vector<std::pair<NamespaceId, const NamespaceState*>> all_spaces(const NetworkState& state) {
  std::vector<std::pair<NamespaceId, const NamespaceState*>> spaces{{NamespaceId::host(), &state.host}};
  for (const auto& [name, space] : state.containers) spaces.emplace_back(NamespaceId::of_container(name), &space);
  return spaces;
}

// Who holds each address, by link.
class AddressBook {
 public:
  explicit AddressBook(const NetworkState& state) {
    for (const auto& [id, space] : all_spaces(state)) {
      for (const auto& address : space->addresses) holders_[address.local.address].push_back({id, address.link});
    }
  }

  [[nodiscard]] const std::vector<Endpoint>& holders(const IpAddress& address) const {
    static const std::vector<Endpoint> none;
    const auto found = holders_.find(address);
    return found == holders_.end() ? none : found->second;
  }

  [[nodiscard]] bool held_in(const NamespaceId& space, const IpAddress& address) const {
    const auto& all = holders(address);
    return std::any_of(all.begin(), all.end(), [&](const Endpoint& each) { return each.space == space; });
  }

 private:
  std::map<IpAddress, std::vector<Endpoint>> holders_;
};

// The L3 interfaces that receive a frame `from` transmits: through a veth to its peer, from
// a bridge out of its ports, from a macvlan to its siblings and out of its parent; a frame
// arriving at a bridge port goes to the bridge and out of its other ports. Computed once
// per sender.
class Segment {
 public:
  struct Reach {
    std::set<Endpoint> receivers;
    std::set<NamespaceId> spaces;
  };

  explicit Segment(const NetworkState& state) : state_(state) {
    for (const auto& [id, space] : all_spaces(state)) {
      for (const auto& link : space->links) {
        if (link.master) ports_[{id, *link.master}].push_back({id, link.name});
        if (link.parent) uppers_[{link.parent->space, link.parent->link}].push_back({id, link.name});
      }
    }
  }

  const Reach& reach(const Endpoint& from) {
    const auto cached = cache_.find(from);
    if (cached != cache_.end()) return cached->second;
    receivers_.clear();
    visited_.clear();
    transmit(from);
    receivers_.erase(from);
    Reach reach{receivers_, {}};
    for (const auto& receiver : reach.receivers) reach.spaces.insert(receiver.space);
    return cache_.emplace(from, std::move(reach)).first->second;
  }

 private:
  const LinkState* link(const Endpoint& at) const {
    const NamespaceState* space = state_.find(at.space);
    return space == nullptr ? nullptr : find(*space, at.link);
  }

  const std::vector<Endpoint>& listed(const std::map<Endpoint, std::vector<Endpoint>>& index, const Endpoint& key) const {
    static const std::vector<Endpoint> none;
    const auto found = index.find(key);
    return found == index.end() ? none : found->second;
  }

  void transmit(const Endpoint& from) {
    const LinkState* sender = link(from);
    if (sender == nullptr || !sender->up || !sender->lower_up || !visited_.insert({from, true}).second) return;
    if (sender->kind == LinkKind::veth && sender->peer) receive(Endpoint{sender->peer->space, sender->peer->link});
    if (sender->kind == LinkKind::bridge) {
      for (const auto& port : listed(ports_, from)) transmit(port);
    }
    if ((sender->kind == LinkKind::macvlan || sender->kind == LinkKind::ipvlan) && sender->parent) {
      const Endpoint parent{sender->parent->space, sender->parent->link};
      for (const auto& sibling : listed(uppers_, parent)) {
        if (!(sibling == from)) receive_directly(sibling);
      }
      transmit(parent);
    }
  }

  void receive(const Endpoint& at) {
    const LinkState* receiver = link(at);
    if (receiver == nullptr || !receiver->up || !visited_.insert({at, false}).second) return;
    for (const auto& upper : listed(uppers_, at)) receive_directly(upper);
    if (receiver->master) {
      const Endpoint bridge{at.space, *receiver->master};
      receive_directly(bridge);
      for (const auto& port : listed(ports_, bridge)) {
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

  const NetworkState& state_;
  std::map<Endpoint, std::vector<Endpoint>> ports_;   // bridge -> its ports
  std::map<Endpoint, std::vector<Endpoint>> uppers_;  // lower link -> its macvlans/ipvlans
  std::map<Endpoint, Reach> cache_;
  std::set<Endpoint> receivers_;
  std::set<std::pair<Endpoint, bool>> visited_;
};

class Paths {
 public:
  Paths(const NetworkState& state, const HostNetwork& host, Segment& segment)
      : state_(state), host_(host), segment_(segment), book_(state) {}

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
    if (book_.held_in(from, target)) {
      const LinkState* lo = find(*space, "lo");
      if (lo == nullptr || !lo->up) return {std::nullopt, "", "lo is down in " + from.to_string()};
      return {from, "local", ""};
    }
    const RouteState* route = lookup(*space, target);
    if (route == nullptr) return {std::nullopt, "", "no route to " + target.to_string() + " in " + from.to_string()};
    const IpAddress next_hop = route->gateway.value_or(target);
    const auto& reach = segment_.reach(Endpoint{from, route->device});
    for (const Endpoint& holder : book_.holders(next_hop)) {
      // IPv4 answers ARP for any of its addresses (arp_ignore=0); IPv6 answers neighbour
      // solicitations only for addresses on the receiving link.
      const bool answers = next_hop.family == AddressFamily::ipv4 ? reach.spaces.contains(holder.space)
                                                                  : reach.receivers.contains(holder);
      if (!answers || holder.space == from) continue;
      if (book_.held_in(holder.space, target)) return {holder.space, route->device, ""};
      if (holder.space.is_host() && host_.ip_forward && hops_left > 0) {
        Delivery onward = deliver(holder.space, target, hops_left - 1);
        if (onward.at) onward.via = route->device + ", forwarded by the host";
        return onward;
      }
      return {std::nullopt, route->device, holder.space.to_string() + " does not forward to " + target.to_string()};
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
  Segment& segment_;
  AddressBook book_;
};

void probe_addresses_of(Paths& paths, const NamespaceId& from, const NamespaceState& target,
                        const std::set<std::string>* only_on_links, std::vector<ReachabilityExpectation>& out) {
  for (const auto& address : target.addresses) {
    if (!is_probe_target(address) || (only_on_links != nullptr && !only_on_links->contains(address.link))) continue;
    out.push_back(paths.probe(from, address.local.address));
  }
}

}  // namespace

std::vector<ReachabilityExpectation> predict_reachability(const NetworkState& running, const HostNetwork& host,
                                                          const std::map<std::string, ContainerEffects>& containers) {
  std::vector<ReachabilityExpectation> expectations;
  Segment segment(running);
  Paths paths(running, host, segment);
  // The host probes every container's addresses: ICMP echo, and a TCP connect to the
  // listener the container's init opens once it reaches stage 2.
  for (const auto& [name, space] : running.containers) {
    std::vector<ReachabilityExpectation> echoes;
    probe_addresses_of(paths, NamespaceId::host(), space, nullptr, echoes);
    const auto effects = containers.find(name);
    const bool listens = effects != containers.end() && effects->second.init_reaches_stage_2;
    for (const auto& echo : echoes) {
      expectations.push_back(echo);
      ReachabilityExpectation connect = echo;
      connect.probe.protocol = "tcp";
      connect.probe.port = probe_listener_port;
      connect.answers = echo.answers && listens;
      if (echo.answers && !listens) connect.why = "container " + name + " never reaches stage 2, where its init listens";
      expectations.push_back(std::move(connect));
    }
  }
  // A container probes what shares a segment with it: the host's addresses on the links
  // that receive its frames, and every address of a neighbouring container (all containers
  // when the host forwards). A full matrix would grow with the square of the containers.
  for (const auto& [name, space] : running.containers) {
    const NamespaceId from = NamespaceId::of_container(name);
    std::set<std::string> host_links;
    std::set<std::string> neighbours;
    for (const auto& link : space.links) {
      for (const auto& receiver : segment.reach(Endpoint{from, link.name}).receivers) {
        if (receiver.space.is_host()) host_links.insert(receiver.link);
        else if (!(receiver.space == from)) neighbours.insert(receiver.space.container);
      }
    }
    // Also the addresses of the host's own interfaces, reached through the container's routes
    // (a default route via the host); there are as many whatever the number of containers.
    for (const auto& interface : host.interfaces) host_links.insert(interface.name);
    probe_addresses_of(paths, from, running.host, &host_links, expectations);
    for (const auto& [other, other_space] : running.containers) {
      if (other != name && (host.ip_forward || neighbours.contains(other))) {
        probe_addresses_of(paths, from, other_space, nullptr, expectations);
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
