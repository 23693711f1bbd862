#include "reachability_effects.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

namespace ctrlab::oracle {
namespace {

constexpr int max_forwarding_hops = 4;
// A container sends at most this many probes: to the host's addresses first, then to the
// other containers' (the first by name among those it shares a segment with, or all when
// the host forwards). Enough to show that each segment carries, and the probes grow with the
// containers, not with their square (nor with the addresses of each).
constexpr std::size_t max_probes_from_a_container = 32;

bool is_probe_target(const AddressState& address) {
  return !address.kernel_chosen && (address.scope == AddressScope::global || address.scope == AddressScope::site);
}

const LinkState* find(const NamespaceState& space, std::string_view name) { return space.find_link(name); }

// A namespace's unicast routes by network, for the longest-prefix match: a lookup costs a
// search per prefix length in use, however many routes there are.
class RouteTable {
 public:
  explicit RouteTable(const NamespaceState& space) {
    for (const auto& route : space.routes) {
      if (route.type != RouteType::unicast) continue;
      const IpPrefix network = route.destination.network();
      lengths_.insert(network.length);
      // Of the routes to one network the lowest metric wins, the first among equals.
      const auto [slot, added] = best_.try_emplace({network.address, network.length}, &route);
      if (!added && route.metric < slot->second->metric) slot->second = &route;
    }
  }

  [[nodiscard]] const RouteState* lookup(const IpAddress& target) const {
    for (auto length = lengths_.rbegin(); length != lengths_.rend(); ++length) {
      if (*length > target.max_prefix_length()) continue;
      const IpPrefix network = IpPrefix{target, *length, true}.network();
      const auto found = best_.find({network.address, *length});
      if (found != best_.end()) return found->second;
    }
    return nullptr;
  }

 private:
  std::set<unsigned> lengths_;
  std::map<std::pair<IpAddress, unsigned>, const RouteState*> best_;
};

// A namespace's addresses by link, as positions into its list (so in its order): the host of
// a large scenario holds addresses for every container, and neither a probe's source nor
// what a sender reaches on its links should cost a look at each of them.
class AddressesByLink {
 public:
  explicit AddressesByLink(const NamespaceState& space) : space_(space) {
    for (std::size_t i = 0; i < space.addresses.size(); ++i) {
      const AddressState& address = space.addresses[i];
      by_link_[address.link].push_back(i);
      auto& first = address.local.address.family == AddressFamily::ipv4 ? first_ipv4_ : first_ipv6_;
      if (!first && is_probe_target(address)) first = i;
    }
  }

  // The address a namespace sends from towards `route`: its preferred source, else an address
  // of the family on the outgoing link, else the first global one.
  [[nodiscard]] std::optional<IpAddress> source_for(const RouteState& route, AddressFamily family) const {
    if (route.preferred_source) return route.preferred_source;
    for (const std::size_t i : on(route.device)) {
      const AddressState& address = space_.addresses[i];
      if (address.local.address.family == family && is_probe_target(address)) return address.local.address;
    }
    const auto& first = family == AddressFamily::ipv4 ? first_ipv4_ : first_ipv6_;
    if (!first) return std::nullopt;
    return space_.addresses[*first].local.address;
  }

  // The positions of the addresses on any of `links`, in the namespace's order.
  template <class Links>
  [[nodiscard]] std::vector<std::size_t> on_any_of(const Links& links) const {
    std::vector<std::size_t> positions;
    for (const auto& link : links) {
      const auto& held = on(link);
      positions.insert(positions.end(), held.begin(), held.end());
    }
    std::sort(positions.begin(), positions.end());
    return positions;
  }

 private:
  [[nodiscard]] const std::vector<std::size_t>& on(std::string_view link) const {
    static const std::vector<std::size_t> none;
    const auto found = by_link_.find(link);
    return found == by_link_.end() ? none : found->second;
  }

  const NamespaceState& space_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_link_;
  std::optional<std::size_t> first_ipv4_;
  std::optional<std::size_t> first_ipv6_;
};

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
// per sender. Every link is an entry of one array sorted by endpoint, so the walk works on
// positions: a sender's reach costs a position per receiver, however long the names.
class Segment {
 public:
  struct Reach {
    std::vector<const Endpoint*> receivers;  // in endpoint order (pointers into one sorted array)
    std::vector<const NamespaceId*> spaces;  // in order, each once

    [[nodiscard]] bool reaches(const Endpoint& at) const {
      return std::binary_search(receivers.begin(), receivers.end(), &at,
                                [](const Endpoint* a, const Endpoint* b) { return *a < *b; });
    }
    [[nodiscard]] bool reaches(const NamespaceId& space) const {
      return std::binary_search(spaces.begin(), spaces.end(), &space,
                                [](const NamespaceId* a, const NamespaceId* b) { return *a < *b; });
    }
  };

  explicit Segment(const NetworkState& state) {
    for (const auto& [id, space] : all_spaces(state)) {
      for (const auto& link : space->links) links_.push_back({Endpoint{id, link.name}, &link, {}, {}, {}});
    }
    std::sort(links_.begin(), links_.end(), [](const Link& a, const Link& b) { return a.at < b.at; });
    ports_.resize(links_.size());
    uppers_.resize(links_.size());
    marks_.resize(links_.size());
    for (std::size_t i = 0; i < links_.size(); ++i) {
      Link& link = links_[i];
      if (link.state->peer) link.peer = position(*link.state->peer);
      if (link.state->parent) link.parent = position(*link.state->parent);
      if (link.state->master) link.master = position(Endpoint{link.at.space, *link.state->master});
      if (link.master) ports_[*link.master].push_back(i);
      if (link.parent) uppers_[*link.parent].push_back(i);
    }
  }

  const Reach& reach(const Endpoint& from) {
    const auto sender = position(from);
    if (!sender) return nothing_;
    const auto cached = cache_.find(*sender);
    if (cached != cache_.end()) return cached->second;
    transmit(*sender);
    Reach reach;
    std::sort(touched_.begin(), touched_.end());
    for (const std::size_t at : touched_) {
      if (marks_[at].received && at != *sender) {
        reach.receivers.push_back(&links_[at].at);
        if (reach.spaces.empty() || !(*reach.spaces.back() == links_[at].at.space)) reach.spaces.push_back(&links_[at].at.space);
      }
      marks_[at] = {};
    }
    touched_.clear();
    return cache_.emplace(*sender, std::move(reach)).first->second;
  }

 private:
  struct Link {
    Endpoint at;
    const LinkState* state;
    std::optional<std::size_t> peer, parent, master;  // positions, found once
  };
  // What the walk from one sender did at a link.
  struct Marks {
    bool transmitted = false, received_from_wire = false, received = false;
  };
  using Index = std::vector<std::vector<std::size_t>>;  // by position

  [[nodiscard]] std::optional<std::size_t> position(const Endpoint& at) const {
    const auto found = std::lower_bound(links_.begin(), links_.end(), at, [](const Link& a, const Endpoint& b) { return a.at < b; });
    if (found == links_.end() || !(found->at == at)) return std::nullopt;
    return static_cast<std::size_t>(found - links_.begin());
  }
  [[nodiscard]] std::optional<std::size_t> position(const LinkRef& ref) const { return position(Endpoint{ref.space, ref.link}); }

  // Sets a mark; false when it was set already.
  bool mark(std::size_t at, bool Marks::*which) {
    Marks& marks = marks_[at];
    if (!marks.transmitted && !marks.received_from_wire && !marks.received) touched_.push_back(at);
    return !std::exchange(marks.*which, true);
  }

  void transmit(std::size_t from) {
    const Link& link = links_[from];
    const LinkState& sender = *link.state;
    if (!sender.up || !sender.lower_up || !mark(from, &Marks::transmitted)) return;
    if (sender.kind == LinkKind::veth && link.peer) receive(*link.peer);
    if (sender.kind == LinkKind::bridge) {
      for (const std::size_t port : ports_[from]) transmit(port);
    }
    if ((sender.kind == LinkKind::macvlan || sender.kind == LinkKind::ipvlan) && link.parent) {
      for (const std::size_t sibling : uppers_[*link.parent]) {
        if (sibling != from) receive_directly(sibling);
      }
      transmit(*link.parent);
    }
  }

  void receive(std::size_t at) {
    const Link& link = links_[at];
    if (!link.state->up || !mark(at, &Marks::received_from_wire)) return;
    for (const std::size_t upper : uppers_[at]) receive_directly(upper);
    if (link.state->master) {
      if (!link.master) return;
      receive_directly(*link.master);
      for (const std::size_t port : ports_[*link.master]) {
        if (port != at) transmit(port);
      }
      return;
    }
    mark(at, &Marks::received);
  }

  void receive_directly(std::size_t at) {
    if (links_[at].state->up) mark(at, &Marks::received);
  }

  std::vector<Link> links_;  // sorted by endpoint
  Index ports_;              // bridge -> its ports
  Index uppers_;             // lower link -> its macvlans/ipvlans
  std::vector<Marks> marks_;
  std::vector<std::size_t> touched_;  // links marked by the current walk
  std::map<std::size_t, Reach> cache_;
  Reach nothing_;
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
    const RouteState* route = routes_of(from, *space).lookup(target);
    if (route == nullptr) return {std::nullopt, "", "no route to " + target.to_string() + " in " + from.to_string()};
    const IpAddress next_hop = route->gateway.value_or(target);
    const auto& reach = segment_.reach(Endpoint{from, route->device});
    for (const Endpoint& holder : book_.holders(next_hop)) {
      // IPv4 answers ARP for any of its addresses (arp_ignore=0); IPv6 answers neighbour
      // solicitations only for addresses on the receiving link.
      const bool answers = next_hop.family == AddressFamily::ipv4 ? reach.reaches(holder.space) : reach.reaches(holder);
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
    const RouteState* route = routes_of(from, *space).lookup(target);
    const auto source = addresses_of(from, *space).source_for(*route, target.family);
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
  // Each namespace's indexes, built when it first sends (or is asked about).
  const RouteTable& routes_of(const NamespaceId& id, const NamespaceState& space) {
    const auto found = tables_.find(id);
    return found != tables_.end() ? found->second : tables_.emplace(id, RouteTable(space)).first->second;
  }

 public:
  const AddressesByLink& addresses_of(const NamespaceId& id, const NamespaceState& space) {
    const auto found = addresses_.find(id);
    return found != addresses_.end() ? found->second : addresses_.emplace(id, AddressesByLink(space)).first->second;
  }

 private:

  const NetworkState& state_;
  const HostNetwork& host_;
  Segment& segment_;
  AddressBook book_;
  std::map<NamespaceId, RouteTable> tables_;
  std::map<NamespaceId, AddressesByLink> addresses_;
};

// Probes `address` from `from` if it is a probe target and the budget lasts.
void probe_within_budget(Paths& paths, const NamespaceId& from, const AddressState& address, std::size_t& budget,
                         std::vector<ReachabilityExpectation>& out) {
  if (budget == 0 || !is_probe_target(address)) return;
  out.push_back(paths.probe(from, address.local.address));
  --budget;
}

// Probes `target`'s addresses while `budget` lasts.
void probe_addresses_of(Paths& paths, const NamespaceId& from, const NamespaceState& target, std::size_t& budget,
                        std::vector<ReachabilityExpectation>& out) {
  for (auto address = target.addresses.begin(); address != target.addresses.end() && budget > 0; ++address) {
    probe_within_budget(paths, from, *address, budget, out);
  }
}

// Probes the host's addresses at `positions` and `more_positions` (each in the host's order,
// and apart) while `budget` lasts, in the host's order. The first list is the same for every
// container, so it is not merged with the second ahead of time: a container costs its budget.
void probe_host_addresses_at(Paths& paths, const NamespaceId& from, const NamespaceState& host,
                             const std::vector<std::size_t>& positions, const std::vector<std::size_t>& more_positions,
                             std::size_t& budget, std::vector<ReachabilityExpectation>& out) {
  auto a = positions.begin();
  auto b = more_positions.begin();
  while (budget > 0 && (a != positions.end() || b != more_positions.end())) {
    const bool from_a = b == more_positions.end() || (a != positions.end() && *a < *b);
    probe_within_budget(paths, from, host.addresses[from_a ? *a++ : *b++], budget, out);
  }
}

// Forwarded ports of one address family: nspawn DNATs connections to the host's own addresses
// of the family (not loopback) to the container's target of that family, all alike; the
// sample is the first and the last of them. Without a target nspawn adds no rule for the
// family, and nothing on the host serves the port.
void predict_forwarded_ports(Paths& paths, const NamespaceState& host, const std::map<std::string, ContainerEffects>& containers,
                             AddressFamily family, bool exhaustive, ReachabilityPrediction& prediction) {
  const std::string family_name = family == AddressFamily::ipv4 ? "IPv4" : "IPv6";
  std::vector<IpAddress> host_addresses;
  for (const auto& address : host.addresses) {
    if (is_probe_target(address) && address.local.address.family == family) host_addresses.push_back(address.local.address);
  }
  if (host_addresses.empty()) return;
  std::vector<IpAddress> sample = host_addresses;
  if (!exhaustive && sample.size() > 2) sample = {host_addresses.front(), host_addresses.back()};
  for (const auto& [name, container] : containers) {
    for (const auto& port : container.forwarded_ports) {
      const auto& target = port.target_of(family);
      std::optional<ReachabilityExpectation> to_target;  // the same for every host address
      if (target) to_target = paths.probe(NamespaceId::host(), *target);
      for (const auto& address : sample) {
        ReachabilityExpectation expectation;
        expectation.probe = ReachabilityProbe{NamespaceId::host(), address, port.host_port, port.protocol};
        if (!target) {
          expectation.why = "container " + name + " has no " + family_name + " address to forward to";
        } else {
          expectation.answers = to_target->answers;
          const std::string shown = family == AddressFamily::ipv4 ? target->to_string() : "[" + target->to_string() + "]";
          expectation.why = "forwarded to " + shown + ":" + std::to_string(port.container_port) +
                            (to_target->answers ? " " + to_target->why : ", which does not answer: " + to_target->why);
        }
        prediction.probes.push_back(std::move(expectation));
      }
      prediction.classes.push_back({ReachabilityClass::Kind::forwarded_port, NamespaceId::host(), name, host_addresses.size(),
                                    sample.size(),
                                    port.protocol + " port " + std::to_string(port.host_port) + " on each of the host's " +
                                        std::to_string(host_addresses.size()) + " " + family_name +
                                        " addresses, forwarded to container " + name});
    }
  }
}

}  // namespace

ReachabilityPrediction predict_reachability(const NetworkState& running, const HostNetwork& host,
                                            const std::map<std::string, ContainerEffects>& containers, ProbeSelection selection) {
  const bool exhaustive = selection == ProbeSelection::exhaustive;
  ReachabilityPrediction prediction;
  auto& expectations = prediction.probes;
  Segment segment(running);
  Paths paths(running, host, segment);
  // The host probes every container's addresses: ICMP echo, and a TCP connect to the
  // listener the container's init opens once it reaches stage 2.
  for (const auto& [name, space] : running.containers) {
    std::vector<ReachabilityExpectation> echoes;
    std::size_t every_address = space.addresses.size();
    probe_addresses_of(paths, NamespaceId::host(), space, every_address, echoes);
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
  // that receive its frames, and the addresses of neighbouring containers (all containers
  // when the host forwards), first by name, within its budget of probes. Also the addresses
  // of the host's own interfaces, reached through the container's routes (a default route
  // via the host).
  std::set<std::string_view> host_interfaces;
  for (const auto& interface : host.interfaces) host_interfaces.insert(interface.name);
  const auto& host_addresses = paths.addresses_of(NamespaceId::host(), running.host);
  const std::vector<std::size_t> on_host_interfaces = host_addresses.on_any_of(host_interfaces);
  std::map<std::string_view, std::size_t> probe_targets;  // by container: its addresses to probe
  std::size_t every_probe_target = 0;
  for (const auto& [name, space] : running.containers) {
    const auto count = static_cast<std::size_t>(std::count_if(space.addresses.begin(), space.addresses.end(), is_probe_target));
    probe_targets[name] = count;
    every_probe_target += count;
  }
  for (const auto& container : running.containers) {
    // Named copies, not structured bindings: clang 14 lets no lambda capture those.
    const std::string& name = container.first;
    const auto& space = container.second;
    const NamespaceId from = NamespaceId::of_container(name);
    std::set<std::string> host_links;  // beyond the host's own interfaces, which every container probes
    std::set<std::string_view> neighbours;  // every other container on its segments with an address to probe
    for (const auto& link : space.links) {
      for (const Endpoint* receiver : segment.reach(Endpoint{from, link.name}).receivers) {
        if (receiver->space.is_host()) {
          if (!host_interfaces.contains(receiver->link)) host_links.insert(receiver->link);
        } else if (!(receiver->space == from)) {
          const auto neighbour = probe_targets.find(receiver->space.container);
          if (neighbour != probe_targets.end() && neighbour->second > 0) neighbours.insert(neighbour->first);
        }
      }
    }
    std::size_t budget = exhaustive ? SIZE_MAX : max_probes_from_a_container;
    probe_host_addresses_at(paths, from, running.host, on_host_interfaces, host_addresses.on_any_of(host_links), budget,
                            expectations);
    ReachabilityClass peers{ReachabilityClass::Kind::peers, from, name, 0, 0, ""};
    const auto probe_peer = [&](std::string_view other) {
      const auto before = expectations.size();
      probe_addresses_of(paths, from, running.containers.at(std::string(other)), budget, expectations);
      peers.sampled += expectations.size() - before;
    };
    if (host.ip_forward) {
      // Every other container is a peer: counted at once, probed while the budget lasts.
      peers.members = every_probe_target - probe_targets.at(name);
      for (auto other = probe_targets.begin(); other != probe_targets.end() && budget > 0; ++other) {
        if (other->second > 0 && other->first != name) probe_peer(other->first);
      }
    } else {
      for (const auto other : neighbours) {
        if (other == name) continue;
        peers.members += probe_targets.at(other);
        probe_peer(other);
      }
    }
    if (peers.members > 0) {
      peers.description = "the " + std::to_string(peers.members) + " addresses of the containers " + name + " reaches" +
                          (host.ip_forward ? " (every container: the host forwards)" : " on its segments");
      prediction.classes.push_back(std::move(peers));
    }
  }
  for (const AddressFamily family : {AddressFamily::ipv4, AddressFamily::ipv6}) {
    predict_forwarded_ports(paths, running.host, containers, family, exhaustive, prediction);
  }
  return prediction;
}

}  // namespace ctrlab::oracle
