#pragma once

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "ctrlab/runner/netlink.hpp"

// The libnl socket behind RouteSocket, and the two exchanges everything else is made of:
// one request answered by an ack or an error (with the kernel's extended-ack message), and
// one dump whose messages go to a callback.
namespace ctrlab::runner {

struct KernelReply {
  int error_number = 0;       // 0: acknowledged; else the errno the kernel returned
  std::string extended_ack;   // NLMSGERR_ATTR_MSG, when the kernel explained itself

  [[nodiscard]] oracle::CommandOutcome outcome() const;
};

struct RouteSocket::Socket {
  nl_sock* handle = nullptr;

  explicit Socket(nl_sock* socket) : handle(socket) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();

  // Sends `message` (consumed) with NLM_F_ACK and waits for its answer.
  KernelReply request(nl_msg* message);
  // Sends a dump request for `type` and hands each answer of a whole (not interrupted) dump
  // to `each` (which must not throw).
  void dump(int type, const std::function<void(nlmsghdr*)>& each);

 private:
  // One dump, its messages copied into `messages`; libnl's error code, or 0.
  int dump_once(int type, std::vector<std::vector<std::byte>>& messages);
};

// Owns an nl_msg until it is handed to Socket::request.
struct MessageDeleter {
  void operator()(nl_msg* message) const { nlmsg_free(message); }
};

}  // namespace ctrlab::runner
