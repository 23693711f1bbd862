#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <sys/socket.h>

#include <algorithm>
#include <map>

#include "messages.hpp"

// Reading a namespace back: links, addresses and the main routing table, from rtnetlink
// dumps, into the oracle's kernel-state types (names, not ifindexes).
namespace ctrlab::runner {
namespace {

std::optional<oracle::IpAddress> address_of(const nlattr* attribute, unsigned char family) {
  if (attribute == nullptr) return std::nullopt;
  oracle::IpAddress address;
  address.family = family == AF_INET ? oracle::AddressFamily::ipv4 : oracle::AddressFamily::ipv6;
  const auto length = static_cast<std::size_t>(nla_len(attribute));
  if (length != messages::length_of(address)) return std::nullopt;
  std::copy_n(static_cast<const std::uint8_t*>(nla_data(attribute)), length, address.bytes.begin());
  return address;
}

oracle::LinkKind kind_of(const ifinfomsg* header, nlattr* link_info) {
  if (header->ifi_type == ARPHRD_LOOPBACK) return oracle::LinkKind::loopback;
  if (link_info == nullptr) return oracle::LinkKind::device;
  nlattr* info[IFLA_INFO_MAX + 1] = {};
  if (nla_parse_nested(info, IFLA_INFO_MAX, link_info, nullptr) < 0 || info[IFLA_INFO_KIND] == nullptr) {
    return oracle::LinkKind::device;
  }
  const std::string kind = nla_get_string(info[IFLA_INFO_KIND]);
  const auto known = oracle::parse_link_kind(kind);
  return known && *known != oracle::LinkKind::loopback ? *known : oracle::LinkKind::device;
}

std::vector<std::string> altnames_of(nlattr* properties) {
  std::vector<std::string> names;
  if (properties == nullptr) return names;
  nlattr* property = nullptr;
  int remaining = 0;
  nla_for_each_nested(property, properties, remaining) {
    if (nla_type(property) == IFLA_ALT_IFNAME) names.emplace_back(nla_get_string(property));
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct RawLink {
  oracle::LinkState state;
  int master_index = 0;
};

RawLink link_from(nlmsghdr* message) {
  const auto* header = static_cast<const ifinfomsg*>(nlmsg_data(message));
  nlattr* attributes[IFLA_MAX + 1] = {};
  nlmsg_parse(message, sizeof(ifinfomsg), attributes, IFLA_MAX, nullptr);
  RawLink raw;
  auto& link = raw.state;
  link.ifindex = header->ifi_index;
  if (attributes[IFLA_IFNAME] != nullptr) link.name = nla_get_string(attributes[IFLA_IFNAME]);
  link.kind = kind_of(header, attributes[IFLA_LINKINFO]);
  link.altnames = altnames_of(attributes[IFLA_PROP_LIST]);
  link.up = (header->ifi_flags & IFF_UP) != 0;
  link.lower_up = (header->ifi_flags & IFF_LOWER_UP) != 0;
  if (attributes[IFLA_ADDRESS] != nullptr && nla_len(attributes[IFLA_ADDRESS]) == 6) {
    oracle::MacAddress mac;
    std::copy_n(static_cast<const std::uint8_t*>(nla_data(attributes[IFLA_ADDRESS])), 6, mac.bytes.begin());
    link.mac = mac;
  }
  if (attributes[IFLA_LINK] != nullptr) link.link_ifindex = static_cast<int>(nla_get_u32(attributes[IFLA_LINK]));
  if (attributes[IFLA_LINK_NETNSID] != nullptr) link.link_netnsid = static_cast<int>(nla_get_s32(attributes[IFLA_LINK_NETNSID]));
  // A link that names itself has no lower link; in another namespace the same number is another link.
  if (link.link_netnsid < 0 && link.link_ifindex == link.ifindex) link.link_ifindex = 0;
  if (attributes[IFLA_MASTER] != nullptr) raw.master_index = static_cast<int>(nla_get_u32(attributes[IFLA_MASTER]));
  return raw;
}

oracle::AddressScope address_scope(unsigned char scope) {
  switch (scope) {
    case RT_SCOPE_HOST: return oracle::AddressScope::host;
    case RT_SCOPE_LINK: return oracle::AddressScope::link;
    case RT_SCOPE_SITE: return oracle::AddressScope::site;
    default: return oracle::AddressScope::global;
  }
}

oracle::RouteScope route_scope(unsigned char scope) {
  switch (scope) {
    case RT_SCOPE_UNIVERSE: return oracle::RouteScope::global;
    case RT_SCOPE_SITE: return oracle::RouteScope::site;
    case RT_SCOPE_LINK: return oracle::RouteScope::link;
    case RT_SCOPE_HOST: return oracle::RouteScope::host;
    default: return oracle::RouteScope::nowhere;
  }
}

oracle::RouteProtocol route_protocol(unsigned char protocol) {
  switch (protocol) {
    case RTPROT_UNSPEC: return oracle::RouteProtocol::unspec;
    case RTPROT_REDIRECT: return oracle::RouteProtocol::redirect;
    case RTPROT_KERNEL: return oracle::RouteProtocol::kernel;
    case RTPROT_BOOT: return oracle::RouteProtocol::boot;
    case RTPROT_STATIC: return oracle::RouteProtocol::static_route;
    default: return oracle::RouteProtocol::other;
  }
}

oracle::RouteType route_type(unsigned char type) {
  switch (type) {
    case RTN_UNICAST: return oracle::RouteType::unicast;
    case RTN_LOCAL: return oracle::RouteType::local;
    case RTN_BROADCAST: return oracle::RouteType::broadcast;
    case RTN_ANYCAST: return oracle::RouteType::anycast;
    case RTN_MULTICAST: return oracle::RouteType::multicast;
    case RTN_BLACKHOLE: return oracle::RouteType::blackhole;
    case RTN_UNREACHABLE: return oracle::RouteType::unreachable;
    case RTN_PROHIBIT: return oracle::RouteType::prohibit;
    case RTN_THROW: return oracle::RouteType::throw_route;
    default: return oracle::RouteType::other;
  }
}

}  // namespace

std::optional<int> RouteSocket::find_link(const std::string& name) {
  std::optional<int> found;
  socket_->dump(RTM_GETLINK, [&](nlmsghdr* message) {
    if (found) return;
    const auto raw = link_from(message);
    const auto& altnames = raw.state.altnames;
    if (raw.state.name == name || std::find(altnames.begin(), altnames.end(), name) != altnames.end()) {
      found = raw.state.ifindex;
    }
  });
  return found;
}

oracle::NamespaceState RouteSocket::read_state() {
  oracle::NamespaceState state;
  std::map<int, std::string> names;
  std::vector<int> masters;
  socket_->dump(RTM_GETLINK, [&](nlmsghdr* message) {
    auto raw = link_from(message);
    names[raw.state.ifindex] = raw.state.name;
    masters.push_back(raw.master_index);
    state.links.push_back(std::move(raw.state));
  });
  for (std::size_t i = 0; i < state.links.size(); ++i) {
    if (masters[i] != 0 && names.contains(masters[i])) state.links[i].master = names[masters[i]];
  }
  socket_->dump(RTM_GETADDR, [&](nlmsghdr* message) {
    const auto* header = static_cast<const ifaddrmsg*>(nlmsg_data(message));
    if (header->ifa_family != AF_INET && header->ifa_family != AF_INET6) return;
    nlattr* attributes[IFA_MAX + 1] = {};
    nlmsg_parse(message, sizeof(ifaddrmsg), attributes, IFA_MAX, nullptr);
    // IPv4 names its own address IFA_LOCAL (IFA_ADDRESS is the peer); IPv6 has only IFA_ADDRESS.
    const auto local = address_of(attributes[IFA_LOCAL] != nullptr ? attributes[IFA_LOCAL] : attributes[IFA_ADDRESS],
                                  header->ifa_family);
    if (!local) return;
    state.addresses.push_back({names[static_cast<int>(header->ifa_index)], oracle::IpPrefix{*local, header->ifa_prefixlen, true},
                               address_scope(header->ifa_scope), false});
  });
  socket_->dump(RTM_GETROUTE, [&](nlmsghdr* message) {
    const auto* header = static_cast<const rtmsg*>(nlmsg_data(message));
    if (header->rtm_family != AF_INET && header->rtm_family != AF_INET6) return;
    if ((header->rtm_flags & RTM_F_CLONED) != 0) return;
    nlattr* attributes[RTA_MAX + 1] = {};
    nlmsg_parse(message, sizeof(rtmsg), attributes, RTA_MAX, nullptr);
    const std::uint32_t table = attributes[RTA_TABLE] != nullptr ? nla_get_u32(attributes[RTA_TABLE]) : header->rtm_table;
    if (table != RT_TABLE_MAIN) return;
    oracle::RouteState route;
    oracle::IpAddress destination;
    destination.family = header->rtm_family == AF_INET ? oracle::AddressFamily::ipv4 : oracle::AddressFamily::ipv6;
    if (const auto given = address_of(attributes[RTA_DST], header->rtm_family)) destination = *given;
    route.destination = oracle::IpPrefix{destination, header->rtm_dst_len, true};
    route.gateway = address_of(attributes[RTA_GATEWAY], header->rtm_family);
    if (attributes[RTA_OIF] != nullptr) route.device = names[static_cast<int>(nla_get_u32(attributes[RTA_OIF]))];
    route.type = route_type(header->rtm_type);
    route.protocol = route_protocol(header->rtm_protocol);
    route.scope = route_scope(header->rtm_scope);
    route.preferred_source = address_of(attributes[RTA_PREFSRC], header->rtm_family);
    if (attributes[RTA_PRIORITY] != nullptr) route.metric = nla_get_u32(attributes[RTA_PRIORITY]);
    state.routes.push_back(route);
  });
  return state;
}

}  // namespace ctrlab::runner
