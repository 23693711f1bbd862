#include "ctrlab/oracle/kernel_state.hpp"

#include "ctrlab/oracle/json_writer.hpp"

#include <algorithm>
#include <utility>
#include <nlohmann/json.hpp>

#include "enum_names.hpp"
#include "record_reader.hpp"

namespace ctrlab::oracle {
namespace {

constexpr std::pair<LinkKind, std::string_view> link_kind_names[] = {
    {LinkKind::loopback, "loopback"}, {LinkKind::veth, "veth"},   {LinkKind::bridge, "bridge"},
    {LinkKind::macvlan, "macvlan"},   {LinkKind::ipvlan, "ipvlan"}, {LinkKind::dummy, "dummy"},
    {LinkKind::device, "device"},
};
constexpr std::pair<AddressScope, std::string_view> address_scope_names[] = {
    {AddressScope::global, "global"}, {AddressScope::site, "site"},
    {AddressScope::link, "link"},     {AddressScope::host, "host"},
};
constexpr std::pair<RouteProtocol, std::string_view> route_protocol_names[] = {
    {RouteProtocol::unspec, "unspec"}, {RouteProtocol::redirect, "redirect"},
    {RouteProtocol::kernel, "kernel"}, {RouteProtocol::boot, "boot"},
    {RouteProtocol::static_route, "static"}, {RouteProtocol::other, "other"},
};
constexpr std::pair<RouteScope, std::string_view> route_scope_names[] = {
    {RouteScope::global, "global"}, {RouteScope::site, "site"}, {RouteScope::link, "link"},
    {RouteScope::host, "host"},     {RouteScope::nowhere, "nowhere"},
};
constexpr std::pair<RouteType, std::string_view> route_type_names[] = {
    {RouteType::unicast, "unicast"},       {RouteType::local, "local"},     {RouteType::broadcast, "broadcast"},
    {RouteType::anycast, "anycast"},       {RouteType::multicast, "multicast"}, {RouteType::blackhole, "blackhole"},
    {RouteType::unreachable, "unreachable"}, {RouteType::prohibit, "prohibit"}, {RouteType::throw_route, "throw"},
    {RouteType::other, "other"},
};

template <class Enum, std::size_t N>
Enum read_enum(const record::ObjectReader& object, std::string_view key, Enum fallback,
               const std::pair<Enum, std::string_view> (&table)[N]) {
  const auto text = object.optional_string(key);
  if (!text) return fallback;
  const auto value = enum_names::value_of(table, *text);
  if (!value) {
    std::string expected = "one of";
    for (const auto& entry : table) expected += " " + std::string(entry.second);
    throw InputError(object.path_of(key), expected, "got \"" + *text + "\"");
  }
  return *value;
}

bool is_default_route(const RouteState& route) { return route.destination.length == 0; }

NamespaceId parse_namespace_id(const nlohmann::json& value, const std::string& path) {
  const auto text = record::require_string(value, path, "\"host\" or \"container NAME\"");
  if (text == "host") return NamespaceId::host();
  constexpr std::string_view prefix = "container ";
  if (text.starts_with(prefix) && text.size() > prefix.size()) return NamespaceId::of_container(text.substr(prefix.size()));
  throw InputError(path, "\"host\" or \"container NAME\"", "got \"" + text + "\"");
}

std::optional<LinkRef> parse_link_ref(const record::ObjectReader& object, std::string_view key) {
  const auto* value = object.find(key);
  if (value == nullptr) return std::nullopt;
  const record::ObjectReader ref(*value, object.path_of(key));
  return LinkRef{parse_namespace_id(ref.required("namespace", "\"host\" or \"container NAME\""), ref.path_of("namespace")),
                 ref.string("link")};
}

LinkState link_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  LinkState link;
  link.name = object.string("name");
  link.kind = read_enum(object, "kind", LinkKind::device, link_kind_names);
  link.altnames = object.strings("altnames");
  std::sort(link.altnames.begin(), link.altnames.end());
  link.master = object.optional_string("master");
  link.peer = parse_link_ref(object, "peer");
  link.parent = parse_link_ref(object, "parent");
  link.up = object.boolean("up", false);
  link.lower_up = object.boolean("lowerUp", false);
  if (const auto mac = object.optional_string("mac")) {
    link.mac = MacAddress::parse(*mac);
    if (!link.mac) throw InputError(object.path_of("mac"), "a MAC address like 0a:96:91:41:01:c1", "got \"" + *mac + "\"");
  }
  link.ifindex = static_cast<int>(object.integer("ifindex", 0, 0, INT32_MAX));
  link.link_ifindex = static_cast<int>(object.integer("linkIfindex", 0, 0, INT32_MAX));
  link.link_netnsid = static_cast<int>(object.integer("linkNetnsid", -1, -1, INT32_MAX));
  return link;
}

AddressState address_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  AddressState address;
  address.link = object.string("link");
  address.local = record::parse_prefix(object.required("local", "an address with a prefix length"), object.path_of("local"));
  address.scope = read_enum(object, "scope", AddressScope::global, address_scope_names);
  address.kernel_chosen = object.boolean("kernelChosen", false);
  return address;
}

RouteState route_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  RouteState route;
  route.destination = record::parse_prefix(object.required("destination", "a prefix, e.g. 0.0.0.0/0"),
                                           object.path_of("destination"));
  if (const auto* gateway = object.find("gateway")) route.gateway = record::parse_address(*gateway, object.path_of("gateway"));
  route.device = object.string("device");
  route.type = read_enum(object, "type", RouteType::unicast, route_type_names);
  route.protocol = read_enum(object, "protocol", RouteProtocol::boot, route_protocol_names);
  route.scope = read_enum(object, "scope", RouteScope::global, route_scope_names);
  if (const auto* source = object.find("preferredSource")) {
    route.preferred_source = record::parse_address(*source, object.path_of("preferredSource"));
  }
  route.metric = static_cast<std::uint32_t>(object.integer("metric", 0, 0, UINT32_MAX));
  return route;
}

template <class Item, class Reader>
std::vector<Item> read_list(const record::ObjectReader& object, std::string_view key, Reader reader) {
  std::vector<Item> items;
  const auto* value = object.find(key);
  if (value == nullptr) return items;
  const auto path = object.path_of(key);
  const auto& array = record::require_array(*value, path, "an array");
  for (std::size_t i = 0; i < array.size(); ++i) items.push_back(reader(array[i], record::index_path(path, i)));
  return items;
}

// Veth pairs in different namespaces point at each other's ifindex; once one pair is found
// it also says which namespace a link-netnsid stands for, which resolves macvlan parents.
struct NetnsidMap {
  std::map<std::pair<NamespaceId, int>, NamespaceId> spaces;
};

std::vector<std::pair<NamespaceId, NamespaceState*>> all_spaces(NetworkState& state) {
  std::vector<std::pair<NamespaceId, NamespaceState*>> spaces{{NamespaceId::host(), &state.host}};
  for (auto& [name, space] : state.containers) spaces.emplace_back(NamespaceId::of_container(name), &space);
  return spaces;
}

LinkState* link_by_index(NamespaceState& space, int ifindex) {
  for (auto& link : space.links) {
    if (link.ifindex == ifindex) return &link;
  }
  return nullptr;
}

void resolve_same_namespace(const NamespaceId& id, NamespaceState& space) {
  for (auto& link : space.links) {
    if (link.link_ifindex == 0 || link.link_netnsid >= 0) continue;
    const LinkState* partner = link_by_index(space, link.link_ifindex);
    if (partner == nullptr || partner == &link) continue;
    const LinkRef ref{id, partner->name};
    if (link.kind == LinkKind::veth) link.peer = ref;
    else link.parent = ref;
  }
}

// Resolves veth ends whose partner is unambiguous, learning which namespace each
// (namespace, netnsid) stands for; repeats, since what is learnt narrows other candidates.
void resolve_veth_pairs(const std::vector<std::pair<NamespaceId, NamespaceState*>>& spaces, NetnsidMap& netnsids) {
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& [id, space] : spaces) {
      for (auto& link : space->links) {
        if (link.kind != LinkKind::veth || link.peer || link.link_netnsid < 0 || link.link_ifindex == 0) continue;
        const auto known = netnsids.spaces.find({id, link.link_netnsid});
        std::vector<std::pair<NamespaceId, const LinkState*>> candidates;
        for (const auto& [other_id, other] : spaces) {
          if (other_id == id || (known != netnsids.spaces.end() && known->second != other_id)) continue;
          const LinkState* partner = link_by_index(*other, link.link_ifindex);
          if (partner != nullptr && partner->kind == LinkKind::veth && partner->link_ifindex == link.ifindex &&
              partner->link_netnsid >= 0) {
            const auto partner_known = netnsids.spaces.find({other_id, partner->link_netnsid});
            if (partner_known == netnsids.spaces.end() || partner_known->second == id) candidates.emplace_back(other_id, partner);
          }
        }
        if (candidates.size() != 1) continue;
        link.peer = LinkRef{candidates.front().first, candidates.front().second->name};
        netnsids.spaces.emplace(std::make_pair(id, link.link_netnsid), candidates.front().first);
        netnsids.spaces.emplace(std::make_pair(candidates.front().first, candidates.front().second->link_netnsid), id);
        progress = true;
      }
    }
  }
}

void resolve_parents(const std::vector<std::pair<NamespaceId, NamespaceState*>>& spaces, const NetnsidMap& netnsids) {
  for (const auto& [id, space] : spaces) {
    for (auto& link : space->links) {
      if (link.kind == LinkKind::veth || link.link_netnsid < 0 || link.link_ifindex == 0) continue;
      const auto known = netnsids.spaces.find({id, link.link_netnsid});
      std::vector<std::pair<NamespaceId, const LinkState*>> candidates;
      for (const auto& [other_id, other] : spaces) {
        if (other_id == id || (known != netnsids.spaces.end() && known->second != other_id)) continue;
        if (const LinkState* parent = link_by_index(*other, link.link_ifindex)) candidates.emplace_back(other_id, parent);
      }
      if (candidates.size() == 1) link.parent = LinkRef{candidates.front().first, candidates.front().second->name};
    }
  }
}

}  // namespace

std::string NamespaceId::to_string() const { return is_host() ? "host" : "container " + container; }

std::string_view to_string(LinkKind kind) { return enum_names::name_of(link_kind_names, kind); }
std::optional<LinkKind> parse_link_kind(std::string_view text) { return enum_names::value_of(link_kind_names, text); }
std::string_view to_string(AddressScope scope) { return enum_names::name_of(address_scope_names, scope); }
std::optional<AddressScope> parse_address_scope(std::string_view text) {
  return enum_names::value_of(address_scope_names, text);
}
std::string_view to_string(RouteProtocol protocol) { return enum_names::name_of(route_protocol_names, protocol); }
std::optional<RouteProtocol> parse_route_protocol(std::string_view text) {
  return enum_names::value_of(route_protocol_names, text);
}
std::string_view to_string(RouteScope scope) { return enum_names::name_of(route_scope_names, scope); }
std::optional<RouteScope> parse_route_scope(std::string_view text) { return enum_names::value_of(route_scope_names, text); }
std::string_view to_string(RouteType type) { return enum_names::name_of(route_type_names, type); }
std::optional<RouteType> parse_route_type(std::string_view text) { return enum_names::value_of(route_type_names, text); }

const LinkState* NamespaceState::find_link(std::string_view name) const {
  for (const auto& link : links) {
    if (link.name == name) return &link;
  }
  return nullptr;
}

const NamespaceState* NetworkState::find(const NamespaceId& id) const {
  if (id.is_host()) return &host;
  const auto found = containers.find(id.container);
  return found == containers.end() ? nullptr : &found->second;
}

NamespaceState* NetworkState::find(const NamespaceId& id) {
  return const_cast<NamespaceState*>(std::as_const(*this).find(id));
}

void resolve_link_references(NetworkState& state) {
  const auto spaces = all_spaces(state);
  for (const auto& [id, space] : spaces) resolve_same_namespace(id, *space);
  NetnsidMap netnsids;
  resolve_veth_pairs(spaces, netnsids);
  resolve_parents(spaces, netnsids);
}

std::string describe(const LinkState& link) {
  std::string text = link.name + ": " + std::string(to_string(link.kind));
  if (link.peer) text += ", peer " + link.peer->link + " in " + link.peer->space.to_string();
  if (link.parent) text += ", on " + link.parent->link + " in " + link.parent->space.to_string();
  if (link.master) text += ", master " + *link.master;
  for (const auto& altname : link.altnames) text += ", altname " + altname;
  text += link.up ? ", up" : ", down";
  if (link.up) text += link.lower_up ? ", carrier" : ", no carrier";
  if (link.mac) text += ", mac " + link.mac->to_string();
  return text;
}

std::string describe(const AddressState& address) {
  const std::string local = address.kernel_chosen
                                ? address.local.network().address.to_string() + "<kernel-chosen>/" +
                                      std::to_string(address.local.length)
                                : address.local.to_string();
  return local + " on " + address.link + " scope " + std::string(to_string(address.scope));
}

std::string route_key(const RouteState& route) {
  std::string key = is_default_route(route) ? std::string("default") : route.destination.to_string();
  if (route.type != RouteType::unicast) key = std::string(to_string(route.type)) + " " + key;
  if (route.gateway) key += " via " + route.gateway->to_string();
  return key;
}

std::string describe(const RouteState& route) {
  std::string text = route_key(route) + " dev " + route.device;
  text += " proto " + std::string(to_string(route.protocol));
  if (route.scope != RouteScope::global) text += " scope " + std::string(to_string(route.scope));
  if (route.preferred_source) text += " src " + route.preferred_source->to_string();
  if (route.metric != 0) text += " metric " + std::to_string(route.metric);
  return text;
}

void to_json(nlohmann::json& json, const NamespaceId& id) { json = id.to_string(); }

// Members in the order nlohmann prints an object's keys (sorted), which the writer requires.

namespace {

void write_link_ref(JsonWriter& out, const LinkRef& ref) {
  out.begin_object();
  write_member(out, "link", ref.link);
  write_member(out, "namespace", ref.space.to_string());
  out.end_object();
}

void write_optional_link_ref(JsonWriter& out, std::string_view key, const std::optional<LinkRef>& ref) {
  if (!ref) return;
  out.key(key);
  write_link_ref(out, *ref);
}

void write_optional_address(JsonWriter& out, std::string_view key, const std::optional<IpAddress>& address) {
  if (!address) return;
  write_member(out, key, address->to_string());
}

// Raw kernel numbers are written only when an observation has them.
void write_if(bool present, JsonWriter& out, std::string_view key, int number) {
  if (!present) return;
  out.key(key);
  out.number(number);
}

}  // namespace

void write_json(JsonWriter& out, const LinkState& link) {
  out.begin_object();
  out.key("altnames");
  write_strings(out, link.altnames);
  write_if(link.ifindex != 0, out, "ifindex", link.ifindex);
  write_member(out, "kind", to_string(link.kind));
  write_if(link.link_ifindex != 0, out, "linkIfindex", link.link_ifindex);
  write_if(link.link_netnsid >= 0, out, "linkNetnsid", link.link_netnsid);
  out.key("lowerUp");
  out.boolean(link.lower_up);
  out.key("mac");
  if (link.mac) {
    out.string(link.mac->to_string());
  } else {
    out.null();
  }
  if (link.master) write_member(out, "master", *link.master);
  write_member(out, "name", link.name);
  write_optional_link_ref(out, "parent", link.parent);
  write_optional_link_ref(out, "peer", link.peer);
  out.key("up");
  out.boolean(link.up);
  out.end_object();
}

void write_json(JsonWriter& out, const AddressState& address) {
  out.begin_object();
  if (address.kernel_chosen) {
    out.key("kernelChosen");
    out.boolean(true);
  }
  write_member(out, "link", address.link);
  write_member(out, "local", address.local.to_string());
  write_member(out, "scope", to_string(address.scope));
  out.end_object();
}

void write_json(JsonWriter& out, const RouteState& route) {
  out.begin_object();
  write_member(out, "destination", route.destination.to_string());
  write_member(out, "device", route.device);
  write_optional_address(out, "gateway", route.gateway);
  out.key("metric");
  out.number(route.metric);
  write_optional_address(out, "preferredSource", route.preferred_source);
  write_member(out, "protocol", to_string(route.protocol));
  write_member(out, "scope", to_string(route.scope));
  write_member(out, "type", to_string(route.type));
  out.end_object();
}

void write_json(JsonWriter& out, const NamespaceState& state) {
  const auto each = [](JsonWriter& to, const auto& item) { write_json(to, item); };
  out.begin_object();
  out.key("addresses");
  write_array(out, state.addresses, each);
  out.key("links");
  write_array(out, state.links, each);
  out.key("routes");
  write_array(out, state.routes, each);
  out.end_object();
}

void write_json(JsonWriter& out, const NetworkState& state) {
  out.begin_object();
  out.key("containers");
  out.begin_object();
  for (const auto& [name, space] : state.containers) {
    out.key(name);
    write_json(out, space);
  }
  out.end_object();
  out.key("host");
  write_json(out, state.host);
  out.end_object();
}

void to_json(nlohmann::json& json, const LinkState& link) {
  json = build_json([&](JsonWriter& out) { write_json(out, link); });
}

void to_json(nlohmann::json& json, const AddressState& address) {
  json = build_json([&](JsonWriter& out) { write_json(out, address); });
}

void to_json(nlohmann::json& json, const RouteState& route) {
  json = build_json([&](JsonWriter& out) { write_json(out, route); });
}

void to_json(nlohmann::json& json, const NamespaceState& state) {
  json = build_json([&](JsonWriter& out) { write_json(out, state); });
}

void to_json(nlohmann::json& json, const NetworkState& state) {
  json = build_json([&](JsonWriter& out) { write_json(out, state); });
}

NamespaceState namespace_state_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  NamespaceState state;
  state.links = read_list<LinkState>(object, "links", link_from_json);
  state.addresses = read_list<AddressState>(object, "addresses", address_from_json);
  state.routes = read_list<RouteState>(object, "routes", route_from_json);
  return state;
}

NetworkState network_state_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  NetworkState state;
  state.host = namespace_state_from_json(object.required("host", "an object"), object.path_of("host"));
  if (const auto* containers = object.find("containers")) {
    const record::ObjectReader each(*containers, object.path_of("containers"));
    for (const auto& [name, space] : containers->items()) {
      state.containers.emplace(name, namespace_state_from_json(space, each.path_of(name)));
    }
  }
  return state;
}

}  // namespace ctrlab::oracle
