#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"

// A pure model of what Linux does with links, addresses and main-table routes across a set
// of network namespaces: the facts of ../shared/facts/nspawn-systemd-kernel.md §5, checked
// against the real kernel by tests/netlink. No syscalls: it only computes.
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
//   route (IPv4) or covered by a route (IPv6); an existing identical route is "File exists".
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

  [[nodiscard]] NetworkState state() const;
  [[nodiscard]] NamespaceState namespace_state(const NamespaceId& space) const;

 private:
  struct Link {
    LinkState shown;         // name, kind, altnames, master, up, mac (peer/parent are refs)
    bool had_ports = false;  // bridges: carrier rules differ once a port ever joined
    std::optional<NamespaceId> home;  // devices moved into a container: where they came from
  };
  struct Space {
    std::vector<Link> links;
    std::vector<AddressState> addresses;
    std::vector<RouteState> routes;
  };

  Space* space_of(const NamespaceId& id);
  const Space* space_of(const NamespaceId& id) const;
  Link* link_of(const LinkRef& ref);
  const Link* link_of(const LinkRef& ref) const;
  Link* link_named(Space& space, std::string_view name);

  CommandOutcome apply_link_set(const NamespaceId& space, const LinkSetCommand& command);
  CommandOutcome apply_link_delete(const NamespaceId& space, const LinkDeleteCommand& command);
  CommandOutcome apply_address_add(const NamespaceId& space, const AddressAddCommand& command);
  CommandOutcome apply_route_add(const NamespaceId& space, const RouteAddCommand& command);

  void delete_link(const LinkRef& ref);
  void rename_link(const LinkRef& ref, const std::string& new_name);
  void link_went_up(const LinkRef& ref);
  void link_went_down(const LinkRef& ref);
  // Recomputes carrier everywhere and applies what gaining carrier does (IPv6 link-local).
  void refresh_carrier();
  [[nodiscard]] bool computes_carrier(const LinkRef& ref) const;
  void add_connected_routes(const NamespaceId& space, const AddressState& address);
  void add_link_local(const NamespaceId& space, const Link& link);

  KernelVersion kernel_;
  std::map<NamespaceId, Space> spaces_;
};

}  // namespace ctrlab::oracle
