#include "route_socket.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <sched.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <thread>

namespace ctrlab::runner {
namespace {

#ifndef SOL_NETLINK
constexpr int SOL_NETLINK = 270;
#endif

// libnl reports its own error codes; the errno behind one is what we want to show.
int system_error_of(int libnl_error) {
  switch (-libnl_error) {
    case NLE_NOMEM: return ENOMEM;
    case NLE_PERM: return EPERM;
    case NLE_NOACCESS: return EACCES;
    case NLE_AGAIN: return EAGAIN;
    default: return EIO;
  }
}

nl_sock* open_socket() {
  nl_sock* socket = nl_socket_alloc();
  if (socket == nullptr) return nullptr;
  if (const int error = nl_connect(socket, NETLINK_ROUTE); error < 0) {
    nl_socket_free(socket);
    errno = system_error_of(error);
    return nullptr;
  }
  // Ask for the kernel's explanations (extended acks), and only the header of our request
  // back, so that the explanation follows at a known place.
  const int on = 1;
  ::setsockopt(nl_socket_get_fd(socket), SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
  ::setsockopt(nl_socket_get_fd(socket), SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
  return socket;
}

// The extended-ack message that follows an nlmsgerr, if the kernel sent one.
std::string extended_ack_of(const nlmsgerr* error) {
  const auto* header = reinterpret_cast<const nlmsghdr*>(reinterpret_cast<const char*>(error) - NLMSG_HDRLEN);
  if ((header->nlmsg_flags & NLM_F_ACK_TLVS) == 0) return {};
  std::size_t acknowledged = sizeof(nlmsgerr);
  if ((header->nlmsg_flags & NLM_F_CAPPED) == 0) acknowledged += error->msg.nlmsg_len - NLMSG_HDRLEN;
  const std::size_t total = header->nlmsg_len - NLMSG_HDRLEN;
  if (total <= acknowledged) return {};
  auto* attributes = reinterpret_cast<nlattr*>(const_cast<char*>(reinterpret_cast<const char*>(error) + acknowledged));
  nlattr* table[NLMSGERR_ATTR_MAX + 1] = {};
  if (nla_parse(table, NLMSGERR_ATTR_MAX, attributes, static_cast<int>(total - acknowledged), nullptr) < 0) return {};
  if (table[NLMSGERR_ATTR_MSG] == nullptr) return {};
  return nla_get_string(table[NLMSGERR_ATTR_MSG]);
}

struct Exchange {
  KernelReply reply;
  bool answered = false;
};

int on_error(sockaddr_nl*, nlmsgerr* error, void* argument) {
  auto* exchange = static_cast<Exchange*>(argument);
  exchange->reply.error_number = -error->error;
  exchange->reply.extended_ack = extended_ack_of(error);
  exchange->answered = true;
  return NL_STOP;
}

int on_ack(nl_msg*, void* argument) {
  static_cast<Exchange*>(argument)->answered = true;
  return NL_STOP;
}

constexpr int max_dump_attempts = 5;

int keep_dump_message(nl_msg* message, void* argument) {
  const nlmsghdr* header = nlmsg_hdr(message);
  const auto* bytes = reinterpret_cast<const std::byte*>(header);
  static_cast<std::vector<std::vector<std::byte>>*>(argument)->emplace_back(bytes, bytes + header->nlmsg_len);
  return NL_OK;
}

struct CallbackDeleter {
  void operator()(nl_cb* callbacks) const { nl_cb_put(callbacks); }
};

}  // namespace

oracle::CommandOutcome KernelReply::outcome() const {
  if (error_number == 0) return oracle::CommandOutcome::success();
  return oracle::kernel_refusal(error_number, extended_ack);
}

RouteSocket::Socket::~Socket() { nl_socket_free(handle); }

KernelReply RouteSocket::Socket::request(nl_msg* message) {
  const std::unique_ptr<nl_msg, MessageDeleter> owned(message);
  nlmsg_hdr(message)->nlmsg_flags |= NLM_F_ACK;
  if (const int error = nl_send_auto(handle, message); error < 0) throw NetlinkError("netlink send", system_error_of(error));
  const std::unique_ptr<nl_cb, CallbackDeleter> callbacks(nl_cb_alloc(NL_CB_DEFAULT));
  if (!callbacks) throw NetlinkError("nl_cb_alloc", ENOMEM);
  Exchange exchange;
  nl_cb_err(callbacks.get(), NL_CB_CUSTOM, on_error, &exchange);
  nl_cb_set(callbacks.get(), NL_CB_ACK, NL_CB_CUSTOM, on_ack, &exchange);
  while (!exchange.answered) {
    const int error = nl_recvmsgs(handle, callbacks.get());
    if (error < 0 && !exchange.answered) throw NetlinkError("netlink receive", system_error_of(error));
  }
  return exchange.reply;
}

void RouteSocket::Socket::dump(int type, const std::function<void(nlmsghdr*)>& each) {
  // The kernel marks a dump that raced a change (a link of a stopping container going away)
  // as interrupted; libnl then reads it to the end and fails it. Its messages are kept until
  // the dump is known to be whole, and an interrupted one is asked for again.
  for (int attempt = 1;; ++attempt) {
    std::vector<std::vector<std::byte>> messages;
    const int error = dump_once(type, messages);
    if (error == -NLE_DUMP_INTR && attempt < max_dump_attempts) continue;
    if (error < 0) throw NetlinkError("netlink dump", system_error_of(error));
    for (auto& message : messages) each(reinterpret_cast<nlmsghdr*>(message.data()));
    return;
  }
}

int RouteSocket::Socket::dump_once(int type, std::vector<std::vector<std::byte>>& messages) {
  rtgenmsg family{AF_UNSPEC};
  if (const int error = nl_send_simple(handle, type, NLM_F_DUMP, &family, sizeof family); error < 0) {
    throw NetlinkError("netlink dump request", system_error_of(error));
  }
  const std::unique_ptr<nl_cb, CallbackDeleter> callbacks(nl_cb_alloc(NL_CB_DEFAULT));
  if (!callbacks) throw NetlinkError("nl_cb_alloc", ENOMEM);
  nl_cb_set(callbacks.get(), NL_CB_VALID, NL_CB_CUSTOM, keep_dump_message, &messages);
  const int error = nl_recvmsgs(handle, callbacks.get());
  return error < 0 ? error : 0;
}

RouteSocket::RouteSocket(std::unique_ptr<Socket> socket) : socket_(std::move(socket)) {}

RouteSocket::RouteSocket(const NetworkNamespace& space) {
  // A netlink socket belongs to the namespace it was opened in: a helper thread enters the
  // namespace, opens it, and ends; the caller's namespace never changes.
  nl_sock* opened = nullptr;
  int failure = 0;
  std::string failed;
  std::thread opener([&] {
    if (::setns(space.fd(), CLONE_NEWNET) != 0) {
      failure = errno;
      failed = "setns(CLONE_NEWNET)";
      return;
    }
    opened = open_socket();
    if (opened == nullptr) {
      failure = errno;
      failed = "open a route netlink socket";
    }
  });
  opener.join();
  if (opened == nullptr) throw NetlinkError(failed, failure);
  socket_ = std::make_unique<Socket>(opened);
}

RouteSocket RouteSocket::in_current_namespace() {
  nl_sock* opened = open_socket();
  if (opened == nullptr) throw NetlinkError("open a route netlink socket", errno);
  return RouteSocket(std::make_unique<Socket>(opened));
}

RouteSocket::RouteSocket(RouteSocket&&) noexcept = default;
RouteSocket& RouteSocket::operator=(RouteSocket&&) noexcept = default;
RouteSocket::~RouteSocket() = default;

}  // namespace ctrlab::runner
