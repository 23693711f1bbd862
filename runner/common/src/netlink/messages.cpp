#include "messages.hpp"

#include <netlink/attr.h>
#include <sys/socket.h>

#include <cerrno>

namespace ctrlab::runner::messages {
namespace {

void check(int error, const char* what) {
  if (error < 0) throw NetlinkError(what, EMSGSIZE);
}

}  // namespace

void put_string(nl_msg* message, int attribute, const std::string& value) {
  check(nla_put_string(message, attribute, value.c_str()), "nla_put_string");
}

void put_u32(nl_msg* message, int attribute, std::uint32_t value) { check(nla_put_u32(message, attribute, value), "nla_put_u32"); }

void put_bytes(nl_msg* message, int attribute, std::span<const std::uint8_t> bytes) {
  check(nla_put(message, attribute, static_cast<int>(bytes.size()), bytes.data()), "nla_put");
}

void put_address(nl_msg* message, int attribute, const oracle::IpAddress& address) {
  check(nla_put(message, attribute, static_cast<int>(length_of(address)), address.bytes.data()), "nla_put");
}

unsigned char family_of(const oracle::IpAddress& address) {
  return address.family == oracle::AddressFamily::ipv4 ? AF_INET : AF_INET6;
}

std::size_t length_of(const oracle::IpAddress& address) { return address.family == oracle::AddressFamily::ipv4 ? 4U : 16U; }

}  // namespace ctrlab::runner::messages
