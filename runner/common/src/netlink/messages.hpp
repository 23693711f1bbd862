#pragma once

#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "ctrlab/oracle/address.hpp"
#include "route_socket.hpp"

// Building rtnetlink requests the way iproute2 builds them for the same command.
namespace ctrlab::runner::messages {

using Message = std::unique_ptr<nl_msg, MessageDeleter>;

// An RTM_* request with its fixed header (ifinfomsg, ifaddrmsg, rtmsg) appended.
template <class Header>
Message request(int type, int flags, const Header& header) {
  Message message(nlmsg_alloc_simple(type, flags));
  if (!message) throw NetlinkError("nlmsg_alloc_simple", ENOMEM);
  if (nlmsg_append(message.get(), const_cast<Header*>(&header), sizeof header, NLMSG_ALIGNTO) < 0) {
    throw NetlinkError("nlmsg_append", ENOMEM);
  }
  return message;
}

void put_string(nl_msg* message, int attribute, const std::string& value);
void put_u32(nl_msg* message, int attribute, std::uint32_t value);
void put_address(nl_msg* message, int attribute, const oracle::IpAddress& address);
void put_bytes(nl_msg* message, int attribute, std::span<const std::uint8_t> bytes);  // e.g. a MAC

[[nodiscard]] unsigned char family_of(const oracle::IpAddress& address);
[[nodiscard]] std::size_t length_of(const oracle::IpAddress& address);

}  // namespace ctrlab::runner::messages
