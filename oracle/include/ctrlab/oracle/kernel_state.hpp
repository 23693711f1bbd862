#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/input_error.hpp"
#include "ctrlab/oracle/mac.hpp"

// The state of network namespaces as the kernel reports it over rtnetlink: links, addresses
// and the main routing table. One shape for both sides of the judge: the effects model
// predicts it (effects.hpp), the runner reads it through libnl (runner/netlink.hpp).
//
// Kernel-chosen values (ifindexes, random MACs, the interface id of a link-local address
// derived from a random MAC) are either left out or marked, so that comparing two states
// never reports noise. Names, not ifindexes, identify links.
namespace ctrlab::oracle {

class JsonWriter;

// Which namespace: the host's (in real runs the sandbox host's) or a container's own.
// Containers without private networking share the host's and have none of their own.
struct NamespaceId {
  std::string container;  // empty: the host

  [[nodiscard]] static NamespaceId host() { return {}; }
  [[nodiscard]] static NamespaceId of_container(std::string name) { return {std::move(name)}; }
  [[nodiscard]] bool is_host() const { return container.empty(); }
  // "host" or "container NAME", as reports print it.
  [[nodiscard]] std::string to_string() const;

  friend auto operator<=>(const NamespaceId&, const NamespaceId&) = default;
};

enum class LinkKind { loopback, veth, bridge, macvlan, ipvlan, dummy, device };
[[nodiscard]] std::string_view to_string(LinkKind kind);
[[nodiscard]] std::optional<LinkKind> parse_link_kind(std::string_view text);

// The other end of a veth, or the lower link of a macvlan/ipvlan, which may live in another
// namespace.
struct LinkRef {
  NamespaceId space;
  std::string link;

  friend auto operator<=>(const LinkRef&, const LinkRef&) = default;
};

struct LinkState {
  std::string name;
  LinkKind kind = LinkKind::device;
  std::vector<std::string> altnames;  // sorted
  std::optional<std::string> master;  // the bridge this link is a port of
  std::optional<LinkRef> peer;        // veth: the other end
  std::optional<LinkRef> parent;      // macvlan/ipvlan: the lower link
  bool up = false;                    // IFF_UP: administratively up
  bool lower_up = false;              // IFF_LOWER_UP: has carrier
  // Predicted: nullopt when the kernel chooses it (random or inherited from a port).
  // Observed: always set (except for links without a hardware address).
  std::optional<MacAddress> mac;

  // Raw kernel values an observation carries to resolve peer/parent across namespaces
  // (see resolve_link_references); never compared.
  int ifindex = 0;
  int link_ifindex = 0;   // IFLA_LINK: the peer's or lower link's ifindex, 0 if none
  int link_netnsid = -1;  // IFLA_LINK_NETNSID: -1 when that link is in the same namespace
};

enum class AddressScope { global, site, link, host };
[[nodiscard]] std::string_view to_string(AddressScope scope);
[[nodiscard]] std::optional<AddressScope> parse_address_scope(std::string_view text);

struct AddressState {
  std::string link;
  IpPrefix local;  // address and prefix length, as `ip addr` shows them
  AddressScope scope = AddressScope::global;
  // Predicted only: the interface id is the kernel's choice (a link-local address derived
  // from a MAC nobody set). Matches any address inside `local`'s prefix on the same link.
  bool kernel_chosen = false;
};

enum class RouteProtocol { unspec, redirect, kernel, boot, static_route, other };
[[nodiscard]] std::string_view to_string(RouteProtocol protocol);
[[nodiscard]] std::optional<RouteProtocol> parse_route_protocol(std::string_view text);

// Route scopes as `ip route` names them ("global" is RT_SCOPE_UNIVERSE).
enum class RouteScope { global, site, link, host, nowhere };
[[nodiscard]] std::string_view to_string(RouteScope scope);
[[nodiscard]] std::optional<RouteScope> parse_route_scope(std::string_view text);

enum class RouteType { unicast, local, broadcast, anycast, multicast, blackhole, unreachable, prohibit, throw_route, other };
[[nodiscard]] std::string_view to_string(RouteType type);
[[nodiscard]] std::optional<RouteType> parse_route_type(std::string_view text);

// One route of the main table.
struct RouteState {
  IpPrefix destination;  // default routes are 0.0.0.0/0 and ::/0
  std::optional<IpAddress> gateway;
  std::string device;
  RouteType type = RouteType::unicast;
  RouteProtocol protocol = RouteProtocol::boot;
  RouteScope scope = RouteScope::global;
  std::optional<IpAddress> preferred_source;
  std::uint32_t metric = 0;
};

struct NamespaceState {
  std::vector<LinkState> links;
  std::vector<AddressState> addresses;
  std::vector<RouteState> routes;

  [[nodiscard]] const LinkState* find_link(std::string_view name) const;
};

// The host's namespace and each container's own.
struct NetworkState {
  NamespaceState host;
  std::map<std::string, NamespaceState> containers;  // by container name

  [[nodiscard]] const NamespaceState* find(const NamespaceId& id) const;
  [[nodiscard]] NamespaceState* find(const NamespaceId& id);
};

// Fills LinkState::peer and ::parent from the raw ifindexes of an observation: a veth end
// whose link_ifindex names a link in another namespace that points back at it. Links whose
// partner cannot be found unambiguously are left without one.
void resolve_link_references(NetworkState& state);

// One line each, in `ip`'s vocabulary, e.g.
//   "ve-web (veth, peer host0 in container web) up lower_up mac 0a:96:91:41:01:c1"
//   "10.0.0.2/24 on eth0 scope global"
//   "10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2"
[[nodiscard]] std::string describe(const LinkState& link);
[[nodiscard]] std::string describe(const AddressState& address);
[[nodiscard]] std::string describe(const RouteState& route);
// The route's identity as `ip route` prints it first: "default via 10.0.0.1" or "10.0.0.0/24".
[[nodiscard]] std::string route_key(const RouteState& route);

// JSON: plain objects with camelCase keys; ifindexes are written only when non-zero.
// write_json writes them piece by piece (json_writer.hpp); to_json makes the same value.
void write_json(JsonWriter& out, const LinkState& link);
void write_json(JsonWriter& out, const AddressState& address);
void write_json(JsonWriter& out, const RouteState& route);
void write_json(JsonWriter& out, const NamespaceState& state);
void write_json(JsonWriter& out, const NetworkState& state);
void to_json(nlohmann::json& json, const NamespaceId& id);
void to_json(nlohmann::json& json, const LinkState& link);
void to_json(nlohmann::json& json, const AddressState& address);
void to_json(nlohmann::json& json, const RouteState& route);
void to_json(nlohmann::json& json, const NamespaceState& state);
void to_json(nlohmann::json& json, const NetworkState& state);
// Readers throw InputError naming the JSON path below `path`.
[[nodiscard]] NamespaceState namespace_state_from_json(const nlohmann::json& json, const std::string& path);
[[nodiscard]] NetworkState network_state_from_json(const nlohmann::json& json, const std::string& path);

}  // namespace ctrlab::oracle
