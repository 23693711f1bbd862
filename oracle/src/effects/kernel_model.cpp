#include "ctrlab/oracle/kernel_model.hpp"

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>
#include <utility>

#include "ctrlab/oracle/naming.hpp"

// Every rule here was checked on a real kernel (tests/netlink; docs/design.md sums them up);
// the error texts are iproute2's for the same refusal.
namespace ctrlab::oracle {
namespace {

constexpr std::uint32_t ipv6_kernel_route_metric = 256;  // IP6_RT_PRIO_ADDRCONF
constexpr std::uint32_t ipv6_user_route_metric = 1024;   // IP6_RT_PRIO_USER

bool is_ipv4(const IpPrefix& prefix) { return prefix.address.family == AddressFamily::ipv4; }

bool is_ipv6_link_local(const IpAddress& address) {
  return address.family == AddressFamily::ipv6 && address.bytes[0] == 0xfe && (address.bytes[1] & 0xc0) == 0x80;
}

AddressScope default_scope(const IpAddress& address) {
  if (address.family == AddressFamily::ipv4) return address.bytes[0] == 127 ? AddressScope::host : AddressScope::global;
  if (is_ipv6_link_local(address)) return AddressScope::link;
  IpAddress loopback;
  loopback.family = AddressFamily::ipv6;
  loopback.bytes[15] = 1;
  return address == loopback ? AddressScope::host : AddressScope::global;
}

IpAddress ipv4_loopback() {
  IpAddress address;
  address.bytes = {127, 0, 0, 1};
  return address;
}

IpAddress ipv6_loopback() {
  IpAddress address;
  address.family = AddressFamily::ipv6;
  address.bytes[15] = 1;
  return address;
}

IpPrefix link_local_prefix() {
  IpPrefix prefix;
  prefix.address.family = AddressFamily::ipv6;
  prefix.address.bytes[0] = 0xfe;
  prefix.address.bytes[1] = 0x80;
  prefix.length = 64;
  prefix.explicit_length = true;
  return prefix;
}

}  // namespace

// The longest-prefix route, as the FIB lookup for a gateway sees them: with
// `link_scope_only`, RT_SCOPE_LINK and narrower (UNIVERSE routes are skipped).
const RouteState* KernelModel::longest_match(const Space& in, const IpAddress& target, bool link_scope_only) {
  const RouteState* best = nullptr;
  for (const auto& [id, link] : in.links) {
    for (const auto& [order, route] : link.routes) {
      if (route.destination.address.family != target.family || !route.destination.contains(target)) continue;
      if (link_scope_only && (route.scope != RouteScope::link && route.scope != RouteScope::host)) continue;
      if (best == nullptr || route.destination.length > best->destination.length ||
          (route.destination.length == best->destination.length && route.metric < best->metric)) {
        best = &route;
      }
    }
  }
  return best;
}

const AddressState* KernelModel::local_address(const Space& in, const IpAddress& address) {
  for (const auto& [id, link] : in.links) {
    for (const auto& [order, held] : link.addresses) {
      if (held.local.address == address) return &held;
    }
  }
  return nullptr;
}

void KernelModel::add_address_to(Link& link, AddressState address) {
  link.addresses.push_back({next_order_++, std::move(address)});
}

void KernelModel::add_route(Space& in, Link& link, RouteState route) {
  in.route_slots.emplace(route.destination, route.metric, route.type);
  link.routes.push_back({next_order_++, std::move(route)});
}

void KernelModel::drop_routes(Space& in, Link& link, const std::function<bool(const RouteState&)>& drop) {
  std::erase_if(link.routes, [&](const Held<RouteState>& held) {
    if (drop && !drop(held.state)) return false;
    in.route_slots.erase(in.route_slots.find({held.state.destination, held.state.metric, held.state.type}));
    return true;
  });
}

KernelModel::KernelModel(KernelVersion kernel) : kernel_(kernel) {}

KernelModel::Space& KernelModel::space(const NamespaceId& id) { return spaces_.at(id); }
const KernelModel::Space& KernelModel::space(const NamespaceId& id) const { return spaces_.at(id); }

void KernelModel::add_namespace(const NamespaceId& id, bool loopback_up) {
  spaces_[id] = Space{};
  Link& lo = new_link(id, "lo", LinkKind::loopback, MacAddress{});
  if (loopback_up) bring_up(id, lo);
}

bool KernelModel::has_namespace(const NamespaceId& id) const { return spaces_.contains(id); }

void KernelModel::remove_namespace(const NamespaceId& id) {
  if (!has_namespace(id)) return;
  // nspawn moves the devices it moved in back where they came from; the rest dies with
  // the namespace.
  std::vector<std::pair<std::string, NamespaceId>> returning;
  for (const auto& [link_id, link] : space(id).links) {
    if (link.home && has_namespace(*link.home)) returning.emplace_back(link.name, *link.home);
  }
  for (const auto& [name, home] : returning) static_cast<void>(move_link(LinkRef{id, name}, home));
  std::vector<int> doomed;
  for (const auto& [link_id, link] : space(id).links) doomed.push_back(link_id);
  for (const int link : doomed) delete_link_tree(link);
  spaces_.erase(id);
  settle_carrier();
}

KernelModel::Link* KernelModel::find_link(Space& in, std::string_view name) {
  return const_cast<Link*>(std::as_const(*this).find_link(std::as_const(in), name));
}

const KernelModel::Link* KernelModel::find_link(const Space& in, std::string_view name) const {
  const auto found = in.names.find(name);
  return found == in.names.end() ? nullptr : &in.links.at(found->second);
}

void KernelModel::index_names(Space& in, const Link& link) {
  in.names[link.name] = link.id;
  for (const auto& altname : link.altnames) in.names[altname] = link.id;
}

void KernelModel::unindex_names(Space& in, const Link& link) {
  in.names.erase(link.name);
  for (const auto& altname : link.altnames) in.names.erase(altname);
}

KernelModel::Located KernelModel::locate(int id) {
  const auto located = location_.find(id);
  if (located == location_.end()) return {};
  return {located->second, &space(located->second).links.at(id)};
}

std::optional<NamespaceId> KernelModel::where(int id) const {
  const auto located = location_.find(id);
  if (located == location_.end()) return std::nullopt;
  return located->second;
}

const KernelModel::Link* KernelModel::link_by_id(int id) const {
  const auto located = location_.find(id);
  if (located == location_.end()) return nullptr;
  return &space(located->second).links.at(id);
}

bool KernelModel::name_taken(const Space& in, std::string_view name) const { return find_link(in, name) != nullptr; }

bool KernelModel::has_link(const LinkRef& ref) const {
  return has_namespace(ref.space) && find_link(space(ref.space), ref.link) != nullptr;
}

KernelModel::Link& KernelModel::new_link(const NamespaceId& in, std::string name, LinkKind kind,
                                         std::optional<MacAddress> mac) {
  Link link;
  link.id = next_link_id_++;
  link.name = std::move(name);
  link.kind = kind;
  link.mac = mac;
  location_[link.id] = in;
  const int id = link.id;
  Link& added = space(in).links.emplace(id, std::move(link)).first->second;
  index_names(space(in), added);
  return added;
}

CommandOutcome KernelModel::create_veth(const LinkRef& end, std::optional<MacAddress> end_mac, const LinkRef& peer,
                                        std::optional<MacAddress> peer_mac) {
  if (!has_namespace(end.space) || !has_namespace(peer.space)) return kernel_refusal(ENOENT);
  if (!is_valid_interface_name(end.link) || !is_valid_interface_name(peer.link)) return kernel_refusal(EINVAL);
  if (name_taken(space(end.space), end.link) || name_taken(space(peer.space), peer.link) ||
      (end.space == peer.space && end.link == peer.link)) {
    return kernel_refusal(EEXIST);
  }
  const int end_id = new_link(end.space, end.link, LinkKind::veth, end_mac).id;
  Link& peer_link = new_link(peer.space, peer.link, LinkKind::veth, peer_mac);
  peer_link.peer = end_id;
  locate(end_id).link->peer = peer_link.id;
  return CommandOutcome::success();
}

CommandOutcome KernelModel::create_link(const NamespaceId& in, const std::string& name, LinkKind kind,
                                        std::optional<MacAddress> mac) {
  if (!has_namespace(in)) return kernel_refusal(ENOENT);
  if (!is_valid_interface_name(name)) return kernel_refusal(EINVAL);
  if (name_taken(space(in), name)) return kernel_refusal(EEXIST);
  new_link(in, name, kind, mac);
  return CommandOutcome::success();
}

CommandOutcome KernelModel::create_macvlan(const LinkRef& link, std::optional<MacAddress> mac, const LinkRef& parent,
                                           LinkKind kind) {
  if (!has_link(parent)) return cannot_find_device(parent.link);
  if (!has_namespace(link.space)) return kernel_refusal(ENOENT);
  if (!is_valid_interface_name(link.link)) return kernel_refusal(EINVAL);
  if (name_taken(space(link.space), link.link)) return kernel_refusal(EEXIST);
  // A bridge port's frames belong to the bridge: no macvlan can take them too.
  Link* lower = find_link(space(parent.space), parent.link);
  if (lower->master) return kernel_refusal(EBUSY);
  Link& upper = new_link(link.space, link.link, kind, mac);  // links live in maps: `lower` stays valid
  upper.parent = lower->id;
  lower->uppers.insert(upper.id);
  return CommandOutcome::success();
}

CommandOutcome KernelModel::add_altname(const LinkRef& ref, const std::string& altname) {
  if (!has_namespace(ref.space)) return kernel_refusal(ENOENT);
  Link* link = find_link(space(ref.space), ref.link);
  if (link == nullptr) return kernel_refusal(ENODEV);
  if (!kernel_.at_least(5, 5)) return kernel_refusal(EOPNOTSUPP);  // altnames arrived in Linux 5.5
  if (altname.size() > max_altname_length) return kernel_refusal(EINVAL);
  if (name_taken(space(ref.space), altname)) return kernel_refusal(EEXIST);
  link->altnames.push_back(altname);
  space(ref.space).names[altname] = link->id;
  return CommandOutcome::success();
}

CommandOutcome KernelModel::move_link(const LinkRef& ref, const NamespaceId& to) {
  if (!has_link(ref)) return cannot_find_device(ref.link);
  if (!has_namespace(to)) return kernel_refusal(ENOENT);
  Link* link = find_link(space(ref.space), ref.link);
  if (link->kind == LinkKind::loopback || link->kind == LinkKind::bridge) return kernel_refusal(EINVAL);
  if (name_taken(space(to), link->name)) return kernel_refusal(EEXIST);
  // The kernel closes the link and unregisters it from the old namespace: every address and
  // route goes, and it leaves its bridge.
  bring_down(ref.space, *link);
  forget_link(space(ref.space), *link);
  leave_bridge(*link);
  unindex_names(space(ref.space), *link);
  auto node = space(ref.space).links.extract(link->id);
  Link& moved = node.mapped();
  // A device remembers where it came from while it is away, to be returned at teardown.
  if (moved.kind == LinkKind::device) moved.home = moved.home ? std::nullopt : std::optional<NamespaceId>(ref.space);
  location_[moved.id] = to;
  index_names(space(to), space(to).links.insert(std::move(node)).position->second);
  settle_carrier();
  return CommandOutcome::success();
}

CommandOutcome KernelModel::set_up(const LinkRef& ref, bool up) {
  if (!has_link(ref)) return cannot_find_device(ref.link);
  Link& link = *find_link(space(ref.space), ref.link);
  if (up) bring_up(ref.space, link);
  else bring_down(ref.space, link);
  settle_carrier();
  return CommandOutcome::success();
}

CommandOutcome KernelModel::set_master(const LinkRef& ref, const std::string& master) {
  return apply_link_set(ref.space, LinkSetCommand{ref.link, std::nullopt, std::nullopt, master});
}

CommandOutcome KernelModel::add_address(const LinkRef& ref, const IpPrefix& local) {
  return apply_address_add(ref.space, AddressAddCommand{local, ref.link});
}

CommandOutcome KernelModel::run(const NamespaceId& in, const Argv& argv) { return run(in, parse_ip_command(argv)); }

CommandOutcome KernelModel::run(const NamespaceId& in, const ParsedCommand& parsed) {
  switch (parsed.status) {
    case ParsedCommand::Status::modelled: return apply(in, *parsed.command);
    case ParsedCommand::Status::refused: return parsed.refusal;
    case ParsedCommand::Status::unmodelled:
    case ParsedCommand::Status::not_ip: break;
  }
  return CommandOutcome::success();
}

CommandOutcome KernelModel::apply(const NamespaceId& in, const IpCommand& command) {
  if (!has_namespace(in)) return kernel_refusal(ENOENT);
  return std::visit(
      [&](const auto& each) -> CommandOutcome {
        using Command = std::decay_t<decltype(each)>;
        if constexpr (std::is_same_v<Command, LinkSetCommand>) return apply_link_set(in, each);
        else if constexpr (std::is_same_v<Command, LinkDeleteCommand>) return apply_link_delete(in, each);
        else if constexpr (std::is_same_v<Command, AddressAddCommand>) return apply_address_add(in, each);
        else return apply_route_add(in, each);
      },
      command);
}

CommandOutcome KernelModel::apply_link_set(const NamespaceId& in, const LinkSetCommand& command) {
  Space& here = space(in);
  Link* link = find_link(here, command.device);
  if (link == nullptr) return cannot_find_device(command.device);
  // iproute2 resolves the master before sending anything.
  Link* master = nullptr;
  if (command.master && !command.master->empty()) {
    master = find_link(here, *command.master);
    if (master == nullptr) return device_does_not_exist(*command.master);
  }
  // The kernel's do_setlink order: name, then MAC, then flags, then master.
  if (command.new_name) {
    if (auto renamed = rename(in, *link, *command.new_name); !renamed.ok()) return renamed;
  }
  if (command.address) {
    if (auto changed = change_mac(*link, *command.address); !changed.ok()) return changed;
  }
  if (command.up) {
    if (*command.up) bring_up(in, *link);
    else bring_down(in, *link);
  }
  if (command.master) {
    if (master == nullptr) {
      leave_bridge(*link);
    } else if (master->kind != LinkKind::bridge || master->id == link->id) {
      settle_carrier();
      return kernel_refusal(EOPNOTSUPP);
    } else if (link->kind == LinkKind::bridge) {
      settle_carrier();
      return kernel_refusal(ELOOP, "Can not enslave a bridge to a bridge");
    } else {
      // A link with a macvlan on it, or one the bridge is above already (linking would loop).
      if (!link->uppers.empty() || link->kind == LinkKind::loopback || is_above(link->id, master->id)) {
        settle_carrier();
        return kernel_refusal(EBUSY);
      }
      join_bridge(*link, *master);
      may_gain_carrier_.insert(master->id);
    }
  }
  settle_carrier();
  return CommandOutcome::success();
}

// eth_prepare_mac_addr_change(): a unicast address other than all zeros; a link that is up
// keeps its address unless its driver changes it live (veths do, IFF_LIVE_ADDR_CHANGE).
CommandOutcome KernelModel::change_mac(Link& link, const MacAddress& mac) {
  const bool multicast = (mac.bytes[0] & 1U) != 0;
  if (multicast || mac == MacAddress{}) return kernel_refusal(EADDRNOTAVAIL);
  if (link.up && link.kind != LinkKind::veth) return kernel_refusal(EBUSY);
  link.mac = mac;
  return CommandOutcome::success();
}

CommandOutcome KernelModel::rename(const NamespaceId& in, Link& link, const std::string& new_name) {
  if (new_name == link.name) return CommandOutcome::success();
  if (!is_valid_interface_name(new_name)) return kernel_refusal(EINVAL);
  if (name_taken(space(in), new_name)) return kernel_refusal(EEXIST);
  // Renaming a link that is up is allowed only since Linux 6.2.
  if (link.up && !kernel_.at_least(6, 2)) return kernel_refusal(EBUSY);
  const std::string old_name = link.name;
  space(in).names.erase(old_name);
  link.name = new_name;
  space(in).names[new_name] = link.id;
  for (auto& [order, address] : link.addresses) address.link = new_name;
  for (auto& [order, route] : link.routes) route.device = new_name;
  return CommandOutcome::success();
}

CommandOutcome KernelModel::apply_link_delete(const NamespaceId& in, const LinkDeleteCommand& command) {
  Link* link = find_link(space(in), command.device);
  if (link == nullptr) return cannot_find_device(command.device);
  if (link->kind == LinkKind::loopback || link->kind == LinkKind::device) return kernel_refusal(EOPNOTSUPP);
  delete_link_tree(link->id);
  settle_carrier();
  return CommandOutcome::success();
}

void KernelModel::delete_link_tree(int id) {
  const Located found = locate(id);
  if (found.link == nullptr) return;
  forget_link(space(found.space), *found.link);
  leave_bridge(*found.link);
  const Link doomed = *found.link;
  unindex_names(space(found.space), doomed);
  space(found.space).links.erase(id);
  location_.erase(id);
  // A veth takes its other end along; a lower link takes its macvlans; ports leave a bridge.
  if (doomed.parent) {
    if (const Located lower = locate(*doomed.parent); lower.link != nullptr) lower.link->uppers.erase(id);
  }
  if (doomed.peer) delete_link_tree(*doomed.peer);
  for (const int port : doomed.ports) {
    if (const Located found_port = locate(port); found_port.link != nullptr) found_port.link->master.reset();
  }
  for (const int upper : doomed.uppers) delete_link_tree(upper);
}

void KernelModel::join_bridge(Link& port, Link& bridge) {
  leave_bridge(port);
  port.master = bridge.id;
  bridge.ports.insert(port.id);
  bridge.had_ports = true;
}

void KernelModel::leave_bridge(Link& port) {
  if (!port.master) return;
  if (const Located bridge = locate(*port.master); bridge.link != nullptr) bridge.link->ports.erase(port.id);
  port.master.reset();
}

void KernelModel::forget_link(Space& in, Link& link) {
  link.addresses.clear();
  drop_routes(in, link);
}

CommandOutcome KernelModel::apply_address_add(const NamespaceId& in, const AddressAddCommand& command) {
  Space& here = space(in);
  Link* link = find_link(here, command.device);
  if (link == nullptr) return cannot_find_device(command.device);
  const IpPrefix local{command.local.address, command.local.length, true};
  const bool ipv4 = is_ipv4(local);
  const bool duplicate = std::any_of(link->addresses.begin(), link->addresses.end(), [&](const auto& existing) {
    return existing.state.local.address == local.address && (!ipv4 || existing.state.local.length == local.length);
  });
  if (duplicate) return kernel_refusal(EEXIST, ipv4 ? "ipv4: Address already assigned" : "ipv6: address already assigned");
  const AddressState address{link->name, local, default_scope(local.address), false};
  add_address_to(*link, address);
  // IPv6 addresses on a down link wait (tentative, no routes) until it comes up.
  if (link->up) add_connected_routes(here, *link, address);
  return CommandOutcome::success();
}

void KernelModel::add_connected_routes(Space& in, Link& link, const AddressState& address) {
  if (link.kind == LinkKind::loopback) return;  // loopback routes live in the local table
  RouteState route;
  route.device = address.link;
  route.protocol = RouteProtocol::kernel;
  if (is_ipv4(address.local)) {
    if (address.local.length >= 32) return;
    // Only a primary address has a connected route: the first one on the link whose subnet
    // (same length) holds it. Later ones in that subnet are secondaries.
    const auto primary = std::find_if(link.addresses.begin(), link.addresses.end(), [&](const auto& other) {
      return is_ipv4(other.state.local) && other.state.local.length == address.local.length &&
             other.state.local.contains(address.local.address);
    });
    if (primary != link.addresses.end() && !(primary->state.local.address == address.local.address)) return;
    route.destination = address.local.network();
    route.scope = RouteScope::link;
    route.preferred_source = address.local.address;
  } else {
    route.destination = address.local.network();
    route.metric = ipv6_kernel_route_metric;
  }
  route.destination.explicit_length = true;
  const bool exists = std::any_of(link.routes.begin(), link.routes.end(), [&](const auto& other) {
    return other.state.destination == route.destination && other.state.metric == route.metric &&
           other.state.protocol == RouteProtocol::kernel;
  });
  if (!exists) add_route(in, link, std::move(route));
}

void KernelModel::bring_up(const NamespaceId& in, Link& link) {
  if (link.up) return;
  link.up = true;
  link.link_local_done = false;
  // It may gain carrier now, and so may its peer (whose carrier needs both ends up).
  may_gain_carrier_.insert(link.id);
  if (link.peer) may_gain_carrier_.insert(*link.peer);
  if (link.kind == LinkKind::loopback) {
    for (const IpAddress& address : {ipv4_loopback(), ipv6_loopback()}) {
      const IpPrefix local{address, address.family == AddressFamily::ipv4 ? 8U : 128U, true};
      const bool present = std::any_of(link.addresses.begin(), link.addresses.end(),
                                       [&](const auto& existing) { return existing.state.local == local; });
      if (!present) add_address_to(link, AddressState{link.name, local, AddressScope::host, false});
    }
    return;
  }
  Space& here = space(in);
  for (const auto& [order, address] : std::vector<Held<AddressState>>(link.addresses)) {
    if (!address.kernel_chosen) add_connected_routes(here, link, address);
  }
}

void KernelModel::bring_down(const NamespaceId& in, Link& link) {
  if (!link.up) return;
  link.up = false;
  link.link_local_done = false;
  // IPv4 keeps its addresses but loses every route through the link; IPv6
  // (keep_addr_on_down=0) loses its addresses as well.
  drop_routes(space(in), link);
  std::erase_if(link.addresses, [](const auto& held) { return held.state.local.address.family == AddressFamily::ipv6; });
}

bool KernelModel::is_above(int upper, int lower) const {
  const Link* below = link_by_id(lower);
  if (below == nullptr || (below->uppers.empty() && !below->master)) return false;  // nothing above it
  // Each link's uppers: its master, and the macvlans/ipvlans on it (__netdev_has_upper_dev()).
  std::map<int, std::vector<int>> uppers;
  for (const auto& [space_id, in] : spaces_) {
    for (const auto& [id, link] : in.links) {
      if (link.master) uppers[id].push_back(*link.master);
      if (link.parent) uppers[*link.parent].push_back(id);
    }
  }
  std::set<int> seen;
  std::vector<int> next{lower};
  while (!next.empty()) {
    const int id = next.back();
    next.pop_back();
    if (id == upper) return true;
    if (!seen.insert(id).second) continue;
    if (const auto found = uppers.find(id); found != uppers.end()) next.insert(next.end(), found->second.begin(), found->second.end());
  }
  return false;
}

bool KernelModel::has_carrier(const Link& link) const {
  if (!link.up) return false;
  switch (link.kind) {
    case LinkKind::veth: {
      const Link* peer = link.peer ? link_by_id(*link.peer) : nullptr;
      return peer != nullptr && peer->up;
    }
    case LinkKind::macvlan:
    case LinkKind::ipvlan: {
      const Link* parent = link.parent ? link_by_id(*link.parent) : nullptr;
      return parent != nullptr && has_carrier(*parent);
    }
    case LinkKind::bridge: {
      // A new bridge reports carrier; once it had ports, only a forwarding port gives it
      // (with STP off a port forwards as soon as it is up with carrier).
      if (!link.had_ports) return true;
      return std::any_of(link.ports.begin(), link.ports.end(), [&](int port) {
        const Link* found = link_by_id(port);
        return found != nullptr && has_carrier(*found);
      });
    }
    case LinkKind::loopback:
    case LinkKind::dummy:
    case LinkKind::device: return true;
  }
  return false;
}

void KernelModel::settle_carrier() {
  // Carrier is gained where a link came up, and travels upwards: from a port to its bridge,
  // from a lower link to the macvlans on it. Only those links are looked at.
  std::set<int> seen;
  std::vector<int> next(may_gain_carrier_.begin(), may_gain_carrier_.end());
  may_gain_carrier_.clear();
  std::set<int> gaining;
  while (!next.empty()) {
    const int id = next.back();
    next.pop_back();
    if (!seen.insert(id).second) continue;
    const Located found = locate(id);
    if (found.link == nullptr) continue;
    const Link& link = *found.link;
    if (link.kind != LinkKind::loopback && link.up && !link.link_local_done && has_carrier(link)) gaining.insert(id);
    if (link.master) next.push_back(*link.master);
    next.insert(next.end(), link.uppers.begin(), link.uppers.end());
  }
  for (const int id : gaining) gain_link_local(id);  // in link order, as the kernel numbered them
}

void KernelModel::gain_link_local(int id) {
  const Located found = locate(id);
  Link& link = *found.link;
  Space& in = space(found.space);
  link.link_local_done = true;
  AddressState address{link.name, link_local_prefix(), AddressScope::link, !link.mac.has_value()};
  if (link.mac) address.local.address = eui64_link_local(*link.mac);
  add_address_to(link, std::move(address));
  RouteState route;
  route.destination = link_local_prefix();
  route.device = link.name;
  route.protocol = RouteProtocol::kernel;
  route.metric = ipv6_kernel_route_metric;
  const bool exists = std::any_of(link.routes.begin(), link.routes.end(),
                                  [&](const auto& other) { return other.state.destination == route.destination; });
  if (!exists) add_route(in, link, std::move(route));
}

// A route `ip route add` asks for, through its device (every route here has one): the
// kernel refuses a second one in the same slot (NLM_F_EXCL).
CommandOutcome KernelModel::add_user_route(Space& in, RouteState route) {
  if (in.route_slots.contains({route.destination, route.metric, route.type})) return kernel_refusal(EEXIST);
  Link* device = find_link(in, route.device);
  add_route(in, *device, std::move(route));
  return CommandOutcome::success();
}

CommandOutcome KernelModel::apply_route_add(const NamespaceId& in, const RouteAddCommand& command) {
  Space& here = space(in);
  const Link* device = nullptr;
  if (command.device) {
    device = find_link(here, *command.device);
    if (device == nullptr) return cannot_find_device(*command.device);
  }
  return is_ipv4(command.destination) ? add_ipv4_route(here, command, device) : add_ipv6_route(here, command, device);
}

CommandOutcome KernelModel::add_ipv4_route(Space& here, const RouteAddCommand& command, const Link* device) {
  // IPv4 refuses a destination with host bits set (IPv6 masks them away).
  if (!(command.destination.network().address == command.destination.address)) {
    return kernel_refusal(EINVAL, "Invalid prefix for given prefix length");
  }
  RouteState route;
  route.destination = command.destination.network();
  route.destination.explicit_length = true;
  route.metric = command.metric.value_or(0);
  route.protocol = RouteProtocol::boot;
  if (!command.gateway) {
    if (device == nullptr) return kernel_refusal(ENODEV);
    if (!device->up) return kernel_refusal(ENETDOWN, "Device for nexthop is not up");
    route.device = device->name;
    route.scope = RouteScope::link;
  } else if (command.onlink) {
    if (device == nullptr) return kernel_refusal(EINVAL, "Nexthop device required for onlink");
    if (!device->up) return kernel_refusal(ENETDOWN, "Nexthop device is not up");
    route.device = device->name;
    route.gateway = command.gateway;
  } else {
    // The gateway must resolve through a link-scope route, or be one of our own addresses.
    std::string via;
    bool via_up = true;
    if (const AddressState* local = local_address(here, *command.gateway)) {
      via = local->link;
      via_up = find_link(here, via)->up;
    } else if (const RouteState* match = longest_match(here, *command.gateway, true)) {
      via = match->device;
    }
    if (via.empty() || (device != nullptr && device->name != via)) {
      return kernel_refusal(EINVAL, "Nexthop has invalid gateway");
    }
    if (!via_up) return kernel_refusal(ENETDOWN);
    route.device = via;
    route.gateway = command.gateway;
  }
  return add_user_route(here, std::move(route));
}

CommandOutcome KernelModel::add_ipv6_route(Space& here, const RouteAddCommand& command, const Link* device) {
  RouteState route;
  route.destination = command.destination.network();
  route.destination.explicit_length = true;
  route.metric = command.metric.value_or(ipv6_user_route_metric);
  route.protocol = RouteProtocol::boot;
  if (!command.gateway) {
    if (device == nullptr) return kernel_refusal(ENODEV);
    if (!device->up) return kernel_refusal(ENETDOWN, "Nexthop device is not up");
    route.device = device->name;
  } else {
    const IpAddress& gateway = *command.gateway;
    const bool gateway_is_local =
        device == nullptr ? local_address(here, gateway) != nullptr
                          : std::any_of(device->addresses.begin(), device->addresses.end(),
                                        [&](const auto& held) { return held.state.local.address == gateway; });
    if (gateway_is_local) return kernel_refusal(EINVAL, "Gateway can not be a local address");
    if (is_ipv6_link_local(gateway) || command.onlink) {
      if (device == nullptr) return kernel_refusal(ENODEV, "Egress device not specified");
      if (!device->up) return kernel_refusal(ENETDOWN, "Nexthop device is not up");
      route.device = device->name;
    } else {
      // The gateway must be covered by a route that is not itself through a gateway.
      const RouteState* match = longest_match(here, gateway, false);
      if (match == nullptr || match->gateway || (device != nullptr && device->name != match->device)) {
        return kernel_refusal(EHOSTUNREACH);
      }
      if (device != nullptr && !device->up) return kernel_refusal(ENETDOWN, "Nexthop device is not up");
      route.device = match->device;
    }
    route.gateway = gateway;
  }
  return add_user_route(here, std::move(route));
}

LinkState KernelModel::shown(const NamespaceId& in, const Link& link) const {
  LinkState state;
  state.name = link.name;
  state.kind = link.kind;
  state.altnames = link.altnames;
  std::sort(state.altnames.begin(), state.altnames.end());
  state.mac = link.mac;
  state.up = link.up;
  state.lower_up = has_carrier(link);
  auto ref_to = [&](std::optional<int> id) -> std::optional<LinkRef> {
    if (!id) return std::nullopt;
    const auto found_in = where(*id);
    const Link* target = link_by_id(*id);
    if (!found_in || target == nullptr) return std::nullopt;
    return LinkRef{*found_in, target->name};
  };
  state.peer = ref_to(link.peer);
  state.parent = ref_to(link.parent);
  if (link.master) {
    if (const Link* master = link_by_id(*link.master)) state.master = master->name;
  }
  static_cast<void>(in);
  return state;
}

NamespaceState KernelModel::namespace_state(const NamespaceId& id) const {
  NamespaceState state;
  if (!has_namespace(id)) return state;
  const Space& here = space(id);
  for (const auto& [link_id, link] : here.links) state.links.push_back(shown(id, link));
  // Each link's own, merged back into the order they were added in.
  std::vector<const Held<AddressState>*> addresses;
  std::vector<const Held<RouteState>*> routes;
  for (const auto& [link_id, link] : here.links) {
    for (const auto& held : link.addresses) addresses.push_back(&held);
    for (const auto& held : link.routes) routes.push_back(&held);
  }
  const auto by_order = [](const auto* a, const auto* b) { return a->order < b->order; };
  std::sort(addresses.begin(), addresses.end(), by_order);
  std::sort(routes.begin(), routes.end(), by_order);
  state.addresses.reserve(addresses.size());
  for (const auto* held : addresses) state.addresses.push_back(held->state);
  state.routes.reserve(routes.size());
  for (const auto* held : routes) state.routes.push_back(held->state);
  return state;
}

NetworkState KernelModel::state() const {
  NetworkState state;
  for (const auto& [id, in] : spaces_) {
    if (id.is_host()) state.host = namespace_state(id);
    else state.containers.emplace(id.container, namespace_state(id));
  }
  return state;
}

}  // namespace ctrlab::oracle
