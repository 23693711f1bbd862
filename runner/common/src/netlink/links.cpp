#include <linux/if.h>
#include <linux/if_link.h>
#include <netlink/route/link.h>
#include <netlink/route/link/ipvlan.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/link/veth.h>

#include <cerrno>

#include "messages.hpp"

// Creating links as nspawn does (veth pairs across namespaces, macvlans created directly in
// the container) and as a host's configuration does (bridges, dummies), through libnl-route.
namespace ctrlab::runner {
namespace {

struct LinkDeleter {
  void operator()(rtnl_link* link) const { rtnl_link_put(link); }
};
using LinkObject = std::unique_ptr<rtnl_link, LinkDeleter>;

struct AddressDeleter {
  void operator()(nl_addr* address) const { nl_addr_put(address); }
};

void set_mac(rtnl_link* link, const std::optional<oracle::MacAddress>& mac) {
  if (!mac) return;
  const std::unique_ptr<nl_addr, AddressDeleter> address(
      nl_addr_build(AF_LLC, const_cast<std::uint8_t*>(mac->bytes.data()), mac->bytes.size()));
  if (!address) throw NetlinkError("nl_addr_build", ENOMEM);
  rtnl_link_set_addr(link, address.get());
}

LinkObject allocated(rtnl_link* link) {
  if (link == nullptr) throw NetlinkError("rtnl_link_alloc", ENOMEM);
  return LinkObject(link);
}

}  // namespace

namespace {

// RTM_NEWLINK creating `link`, as libnl-route builds it.
nl_msg* add_request(rtnl_link* link) {
  nl_msg* message = nullptr;
  if (rtnl_link_build_add_request(link, NLM_F_CREATE | NLM_F_EXCL, &message) < 0) {
    throw NetlinkError("rtnl_link_build_add_request", EINVAL);
  }
  return message;
}

}  // namespace

oracle::CommandOutcome RouteSocket::create_veth(const VethSpec& spec) {
  const auto link = allocated(rtnl_link_veth_alloc());
  rtnl_link_set_name(link.get(), spec.name.c_str());
  set_mac(link.get(), spec.mac);
  const auto peer = allocated(rtnl_link_veth_get_peer(link.get()));  // a new reference
  rtnl_link_set_name(peer.get(), spec.peer_name.c_str());
  set_mac(peer.get(), spec.peer_mac);
  if (spec.peer_namespace != nullptr) rtnl_link_set_ns_fd(peer.get(), spec.peer_namespace->fd());
  return socket_->request(add_request(link.get())).outcome();
}

oracle::CommandOutcome RouteSocket::create_link(const std::string& name, oracle::LinkKind kind) {
  if (kind != oracle::LinkKind::bridge && kind != oracle::LinkKind::dummy) {
    throw NetlinkError("create_link " + name + " (only bridges and dummies)", EINVAL);
  }
  const auto link = allocated(rtnl_link_alloc());
  rtnl_link_set_name(link.get(), name.c_str());
  if (rtnl_link_set_type(link.get(), kind == oracle::LinkKind::bridge ? "bridge" : "dummy") < 0) {
    throw NetlinkError("rtnl_link_set_type", EINVAL);
  }
  return socket_->request(add_request(link.get())).outcome();
}

oracle::CommandOutcome RouteSocket::create_macvlan(const MacvlanSpec& spec) {
  const auto parent = find_link(spec.parent);
  if (!parent) return oracle::cannot_find_device(spec.parent);
  const bool macvlan = spec.kind == oracle::LinkKind::macvlan;
  const auto link = allocated(macvlan ? rtnl_link_macvlan_alloc() : rtnl_link_ipvlan_alloc());
  if (macvlan) rtnl_link_macvlan_set_mode(link.get(), MACVLAN_MODE_BRIDGE);
  else rtnl_link_ipvlan_set_mode(link.get(), IPVLAN_MODE_L2);
  rtnl_link_set_name(link.get(), spec.name.c_str());
  rtnl_link_set_link(link.get(), *parent);
  set_mac(link.get(), spec.mac);
  if (spec.target_namespace != nullptr) rtnl_link_set_ns_fd(link.get(), spec.target_namespace->fd());
  return socket_->request(add_request(link.get())).outcome();
}

oracle::CommandOutcome RouteSocket::add_altname(const std::string& link, const std::string& altname) {
  const auto index = find_link(link);
  if (!index) return oracle::kernel_refusal(ENODEV);
  ifinfomsg header{};
  header.ifi_family = AF_UNSPEC;
  header.ifi_index = *index;
  auto message = messages::request(RTM_NEWLINKPROP, NLM_F_CREATE | NLM_F_EXCL, header);
  nlattr* list = nla_nest_start(message.get(), IFLA_PROP_LIST | NLA_F_NESTED);
  if (list == nullptr) throw NetlinkError("nla_nest_start", EMSGSIZE);
  messages::put_string(message.get(), IFLA_ALT_IFNAME, altname);
  nla_nest_end(message.get(), list);
  return socket_->request(message.release()).outcome();
}

oracle::CommandOutcome RouteSocket::move_link(const std::string& link, const NetworkNamespace& to) {
  const auto index = find_link(link);
  if (!index) return oracle::cannot_find_device(link);
  ifinfomsg header{};
  header.ifi_family = AF_UNSPEC;
  header.ifi_index = *index;
  auto message = messages::request(RTM_NEWLINK, 0, header);
  messages::put_u32(message.get(), IFLA_NET_NS_FD, static_cast<std::uint32_t>(to.fd()));
  return socket_->request(message.release()).outcome();
}

oracle::CommandOutcome RouteSocket::set_up(const std::string& link, bool up) {
  return apply(oracle::LinkSetCommand{link, std::nullopt, up, std::nullopt});
}

oracle::CommandOutcome RouteSocket::set_master(const std::string& link, const std::string& master) {
  return apply(oracle::LinkSetCommand{link, std::nullopt, std::nullopt, master});
}

oracle::CommandOutcome RouteSocket::add_address(const std::string& link, const oracle::IpPrefix& local) {
  return apply(oracle::AddressAddCommand{local, link});
}

}  // namespace ctrlab::runner
