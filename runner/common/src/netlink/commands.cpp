#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <sys/socket.h>

#include <type_traits>

#include "messages.hpp"

// The module's `ip` commands, sent as iproute2 (6.1) sends them: names are resolved first
// (by name or altname; "Cannot find device" otherwise), then one request goes to the kernel
// and its answer becomes iproute2's exit status and message.
namespace ctrlab::runner {
namespace {

unsigned char default_scope(const oracle::IpAddress& address) {
  if (address.family == oracle::AddressFamily::ipv4) return address.bytes[0] == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
  if (address.bytes[0] == 0xfe && (address.bytes[1] & 0xc0) == 0x80) return RT_SCOPE_LINK;
  oracle::IpAddress loopback;
  loopback.family = oracle::AddressFamily::ipv6;
  loopback.bytes[15] = 1;
  return address == loopback ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
}

}  // namespace

oracle::CommandOutcome RouteSocket::apply(const oracle::IpCommand& command) {
  return std::visit(
      [&](const auto& each) -> oracle::CommandOutcome {
        using Command = std::decay_t<decltype(each)>;
        if constexpr (std::is_same_v<Command, oracle::LinkSetCommand>) {
          const auto index = find_link(each.device);
          if (!index) return oracle::cannot_find_device(each.device);
          std::optional<int> master;
          if (each.master && !each.master->empty()) {
            master = find_link(*each.master);
            if (!master) return oracle::device_does_not_exist(*each.master);
          }
          ifinfomsg header{};
          header.ifi_family = AF_UNSPEC;
          header.ifi_index = *index;
          if (each.up) {
            header.ifi_change = static_cast<unsigned>(IFF_UP);
            header.ifi_flags = *each.up ? static_cast<unsigned>(IFF_UP) : 0U;
          }
          auto message = messages::request(RTM_NEWLINK, 0, header);
          if (each.new_name) messages::put_string(message.get(), IFLA_IFNAME, *each.new_name);
          if (each.address) messages::put_bytes(message.get(), IFLA_ADDRESS, each.address->bytes);
          if (each.master) messages::put_u32(message.get(), IFLA_MASTER, static_cast<std::uint32_t>(master.value_or(0)));
          return socket_->request(message.release()).outcome();
        } else if constexpr (std::is_same_v<Command, oracle::LinkDeleteCommand>) {
          const auto index = find_link(each.device);
          if (!index) return oracle::cannot_find_device(each.device);
          ifinfomsg header{};
          header.ifi_family = AF_UNSPEC;
          header.ifi_index = *index;
          return socket_->request(messages::request(RTM_DELLINK, 0, header).release()).outcome();
        } else if constexpr (std::is_same_v<Command, oracle::AddressAddCommand>) {
          const auto index = find_link(each.device);
          if (!index) return oracle::cannot_find_device(each.device);
          ifaddrmsg header{};
          header.ifa_family = messages::family_of(each.local.address);
          header.ifa_prefixlen = static_cast<unsigned char>(each.local.length);
          header.ifa_scope = default_scope(each.local.address);
          header.ifa_index = static_cast<unsigned>(*index);
          auto message = messages::request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, header);
          messages::put_address(message.get(), IFA_LOCAL, each.local.address);
          messages::put_address(message.get(), IFA_ADDRESS, each.local.address);
          return socket_->request(message.release()).outcome();
        } else {
          std::optional<int> device;
          if (each.device) {
            device = find_link(*each.device);
            if (!device) return oracle::cannot_find_device(*each.device);
          }
          const bool ipv4 = each.destination.address.family == oracle::AddressFamily::ipv4;
          rtmsg header{};
          header.rtm_family = messages::family_of(each.destination.address);
          header.rtm_dst_len = static_cast<unsigned char>(each.destination.length);
          header.rtm_table = RT_TABLE_MAIN;
          header.rtm_protocol = RTPROT_BOOT;
          header.rtm_type = RTN_UNICAST;
          // iproute2: a unicast IPv4 route without a gateway is scope link.
          header.rtm_scope = ipv4 && !each.gateway ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
          if (each.onlink) header.rtm_flags |= RTNH_F_ONLINK;
          auto message = messages::request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, header);
          if (each.destination.length > 0) messages::put_address(message.get(), RTA_DST, each.destination.address);
          if (each.gateway) messages::put_address(message.get(), RTA_GATEWAY, *each.gateway);
          if (each.metric) messages::put_u32(message.get(), RTA_PRIORITY, *each.metric);
          if (device) messages::put_u32(message.get(), RTA_OIF, static_cast<std::uint32_t>(*device));
          return socket_->request(message.release()).outcome();
        }
      },
      command);
}

oracle::CommandOutcome RouteSocket::run(const oracle::Argv& argv) {
  const auto parsed = oracle::parse_ip_command(argv);
  switch (parsed.status) {
    case oracle::ParsedCommand::Status::modelled: return apply(*parsed.command);
    case oracle::ParsedCommand::Status::refused: return parsed.refusal;
    case oracle::ParsedCommand::Status::unmodelled: return {127, "ctrlab: not modelled: " + parsed.note};
    case oracle::ParsedCommand::Status::not_ip: break;
  }
  return {127, "ctrlab: not an ip command: " + (argv.empty() ? std::string("(empty)") : argv.front())};
}

}  // namespace ctrlab::runner
