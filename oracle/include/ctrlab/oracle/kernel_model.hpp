#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"

// A pure model of what Linux does with links, addresses and main-table routes across a set
// of network namespaces (docs/design.md), each rule checked against the real kernel by
// tests/netlink. No syscalls: it only computes.
//
// What it follows:
// - carrier: veth when both ends are up; bridge when up and (never had a port, or a port is
//   up with carrier); macvlan/ipvlan when up and the parent has carrier; loopback, dummy and
//   devices when up;
// - IPv4: addresses stay on down links; the connected route (not for /32) exists while the
//   link is up; taking a link down removes every main-table route through it;
// - IPv6: routes for an address (P/N, or A/128) while up; link-local fe80::/64 (EUI-64 of
//   the MAC) once up with carrier; taking a link down removes all its IPv6 addresses;
// - `ip route add`: the device must be up; a gateway must be reachable through a link-scope
//   route (IPv4) or covered by a route (IPv6); an existing route with the same prefix and
//   metric is "File exists"; an IPv4 prefix with host bits set is refused (IPv6 masks it);
// - links: names resolve through altnames (Linux 5.5+); renaming an up link needs 6.2; `ip
//   link set ... master BR up` applies `up` before the master; only bridges take ports, a
//   bridge is never one (ELOOP), nor a link with a macvlan on it or a link a bridge is already
//   above (EBUSY), and a bridge port gets no macvlan.
namespace ctrlab::oracle {

class KernelModel {
 public:
  explicit KernelModel(KernelVersion kernel = {});

  // A fresh namespace, with `lo` down (as the kernel makes it) or up with 127.0.0.1/8 and
  // ::1/128 (as nspawn's loopback_setup and a booted host leave it).
  void add_namespace(const NamespaceId& id, bool loopback_up);
  [[nodiscard]] bool has_namespace(const NamespaceId& id) const;
  // Destroys a namespace: veths lose their other end too, virtual links vanish, and
  // devices that were moved in return to the host, down and without addresses.
  void remove_namespace(const NamespaceId& id);

  // Creating links as nspawn and the host's configuration do (not through `ip`).
  CommandOutcome create_veth(const LinkRef& end, std::optional<MacAddress> end_mac, const LinkRef& peer,
                             std::optional<MacAddress> peer_mac);
  CommandOutcome create_link(const NamespaceId& space, const std::string& name, LinkKind kind,
                             std::optional<MacAddress> mac);
  CommandOutcome create_macvlan(const LinkRef& link, std::optional<MacAddress> mac, const LinkRef& parent,
                                LinkKind kind = LinkKind::macvlan);
  CommandOutcome add_altname(const LinkRef& link, const std::string& altname);
  // Moves a link to another namespace; it arrives down, without addresses or routes.
  CommandOutcome move_link(const LinkRef& link, const NamespaceId& to);
  CommandOutcome set_up(const LinkRef& link, bool up);
  CommandOutcome set_master(const LinkRef& link, const std::string& master);
  CommandOutcome add_address(const LinkRef& link, const IpPrefix& local);
  [[nodiscard]] bool has_link(const LinkRef& link) const;

  // An `ip` command run in a namespace: what iproute2 would report.
  CommandOutcome apply(const NamespaceId& space, const IpCommand& command);
  // Parses and applies; unmodelled and non-ip commands succeed without any effect.
  CommandOutcome run(const NamespaceId& space, const Argv& argv);
  // The same for a command already parsed (parse_ip_command()).
  CommandOutcome run(const NamespaceId& space, const ParsedCommand& parsed);

  [[nodiscard]] NetworkState state() const;
  [[nodiscard]] NamespaceState namespace_state(const NamespaceId& space) const;

 private:
  // An address or route with the order it was added in: `ip` lists them in that order, so
  // the namespace's state is shown in it, while each link keeps its own (a link's addresses
  // and routes are found and dropped without looking at the other links').
  template <class State>
  struct Held {
    std::uint64_t order = 0;
    State state;
  };
  // The kernel keeps one route per destination, metric and type in a table (NLM_F_EXCL).
  using RouteSlot = std::tuple<IpPrefix, std::uint32_t, RouteType>;

  // Links are identified by a stable id, so peers, parents and masters survive renames
  // and moves between namespaces.
  struct Link {
    int id = 0;
    std::string name;
    LinkKind kind = LinkKind::device;
    std::vector<std::string> altnames;
    std::optional<MacAddress> mac;
    bool up = false;
    std::optional<int> peer;    // veth
    std::optional<int> parent;  // macvlan/ipvlan
    std::set<int> uppers;       // macvlans/ipvlans on this link, wherever they are
    std::optional<int> master;  // bridge
    std::set<int> ports;        // bridges: the links whose master this is
    bool had_ports = false;     // bridges: once a port joined, carrier follows the ports
    bool link_local_done = false;  // IPv6 link-local generated since the link came up
    std::optional<NamespaceId> home;  // a device moved in from here, returned at teardown
    std::vector<Held<AddressState>> addresses;  // on this link
    std::vector<Held<RouteState>> routes;       // main-table routes through this link
  };
  struct Space {
    std::map<int, Link> links;  // by id: creation order, and quick to find
    std::map<std::string, int, std::less<>> names;  // every name and altname -> link id
    std::multiset<RouteSlot> route_slots;           // of every route in the namespace
  };
  struct Located {
    NamespaceId space;
    Link* link = nullptr;
  };

  Space& space(const NamespaceId& id);
  const Space& space(const NamespaceId& id) const;
  Link* find_link(Space& in, std::string_view name_or_altname);
  static void index_names(Space& in, const Link& link);
  static void unindex_names(Space& in, const Link& link);
  const Link* find_link(const Space& in, std::string_view name_or_altname) const;
  Located locate(int id);
  std::optional<NamespaceId> where(int id) const;
  const Link* link_by_id(int id) const;
  [[nodiscard]] bool name_taken(const Space& in, std::string_view name) const;
  Link& new_link(const NamespaceId& in, std::string name, LinkKind kind, std::optional<MacAddress> mac);

  CommandOutcome apply_link_set(const NamespaceId& in, const LinkSetCommand& command);
  CommandOutcome apply_link_delete(const NamespaceId& in, const LinkDeleteCommand& command);
  CommandOutcome apply_address_add(const NamespaceId& in, const AddressAddCommand& command);
  CommandOutcome apply_route_add(const NamespaceId& in, const RouteAddCommand& command);
  CommandOutcome add_ipv4_route(Space& in, const RouteAddCommand& command, const Link* device);
  CommandOutcome add_ipv6_route(Space& in, const RouteAddCommand& command, const Link* device);

  CommandOutcome rename(const NamespaceId& in, Link& link, const std::string& new_name);
  CommandOutcome change_mac(Link& link, const MacAddress& mac);
  void bring_up(const NamespaceId& in, Link& link);
  void bring_down(const NamespaceId& in, Link& link);
  void delete_link_tree(int id);
  void join_bridge(Link& port, Link& bridge);
  void leave_bridge(Link& port);
  static void forget_link(Space& in, Link& link);  // its addresses and routes
  void add_address_to(Link& link, AddressState address);
  void add_route(Space& in, Link& link, RouteState route);
  CommandOutcome add_user_route(Space& in, RouteState route);
  // Drops the link's routes for which `drop` holds (all of them without one).
  static void drop_routes(Space& in, Link& link, const std::function<bool(const RouteState&)>& drop = {});
  // The namespace's address equal to `address`, if any link holds it.
  static const AddressState* local_address(const Space& in, const IpAddress& address);
  // The longest-prefix route covering `target` (link-scope ones only for an IPv4 gateway).
  static const RouteState* longest_match(const Space& in, const IpAddress& target, bool link_scope_only);
  // Whether `upper` is above `lower`: its master, a macvlan on it, or above one of those.
  [[nodiscard]] bool is_above(int upper, int lower) const;
  // Recursion ends: a bridge is never a port, and no link is made a port of a link above it.
  [[nodiscard]] bool has_carrier(const Link& link) const;
  // What gaining carrier does: the IPv6 link-local address and its fe80::/64 route.
  void settle_carrier();
  void gain_link_local(int id);
  void add_connected_routes(Space& in, Link& link, const AddressState& address);
  [[nodiscard]] LinkState shown(const NamespaceId& in, const Link& link) const;

  KernelVersion kernel_;
  std::map<NamespaceId, Space> spaces_;
  std::map<int, NamespaceId> location_;  // which namespace each link id is in
  std::set<int> may_gain_carrier_;        // links whose carrier may have come since the last settle
  int next_link_id_ = 1;
  std::uint64_t next_order_ = 0;  // of addresses and routes, across namespaces
};

}  // namespace ctrlab::oracle
