#include "listeners.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace ctrlab::probe {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int listen_backlog = 64;
constexpr std::size_t max_datagram = 2048;

struct Bound {
  int fd = -1;
  std::string failure;  // empty when bound
};

bool set_option(int fd, int level, int name, int value) {
  return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

std::string failure_of(const char* step) { return std::string(step) + ": " + std::strerror(errno); }

// Binds a socket of `family` to the wildcard address and `port`.
Bound bind_wildcard(int family, int type, std::uint16_t port) {
  const int fd = ::socket(family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return {-1, failure_of("socket")};
  set_option(fd, SOL_SOCKET, SO_REUSEADDR, 1);
  int result = 0;
  if (family == AF_INET6) {
    // The IPv4 socket serves IPv4: this one only IPv6, and replies from the request's address.
    set_option(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
    if (type == SOCK_DGRAM) set_option(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_addr = in6addr_any;
    address.sin6_port = htons(port);
    result = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  } else {
    if (type == SOCK_DGRAM) set_option(fd, IPPROTO_IP, IP_PKTINFO, 1);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(port);
    result = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  }
  if (result != 0 || (type == SOCK_STREAM && ::listen(fd, listen_backlog) != 0)) {
    Bound failed{-1, failure_of(result != 0 ? "bind" : "listen")};
    ::close(fd);
    return failed;
  }
  return {fd, ""};
}

// Accepted connections stay open until the peer ends them: closing first would leave the
// connection in TIME_WAIT in the container's namespace, which then outlives the container.
void accept_all(int fd, std::vector<int>& connections) {
  for (;;) {
    const int connection = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (connection < 0) return;
    connections.push_back(connection);
  }
}

// Reads what the peer sent; true once the peer closed or reset the connection.
bool peer_ended(int connection) {
  std::array<char, max_datagram> ignored{};
  for (;;) {
    const ssize_t received = ::recv(connection, ignored.data(), ignored.size(), 0);
    if (received == 0) return true;
    if (received < 0) return errno != EAGAIN && errno != EINTR;
  }
}

// Sends each waiting datagram back, from the address it arrived at (the packet-info control
// message recvmsg() returned is handed to sendmsg() as it is).
void echo_all(int fd) {
  for (;;) {
    std::array<char, max_datagram> payload{};
    std::array<char, CMSG_SPACE(sizeof(in6_pktinfo))> control{};
    sockaddr_storage peer{};
    iovec data{payload.data(), payload.size()};
    msghdr message{};
    message.msg_name = &peer;
    message.msg_namelen = sizeof peer;
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    const ssize_t received = ::recvmsg(fd, &message, 0);
    if (received < 0) return;
    data.iov_len = static_cast<std::size_t>(received);
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr; header = CMSG_NXTHDR(&message, header)) {
      // From the request's address, out of whichever link the route names.
      if (header->cmsg_level == IPPROTO_IP && header->cmsg_type == IP_PKTINFO) {
        in_pktinfo info{};
        std::memcpy(&info, CMSG_DATA(header), sizeof info);
        info.ipi_ifindex = 0;
        std::memcpy(CMSG_DATA(header), &info, sizeof info);
      }
    }
    ::sendmsg(fd, &message, 0);
  }
}

int milliseconds_until(Listeners::Deadline deadline) {
  if (!deadline) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

}  // namespace

Listeners Listeners::open(const std::vector<runner::probe::Listener>& wanted, std::vector<std::string>& failures) {
  Listeners listeners;
  for (const auto& listener : wanted) {
    const bool stream = listener.protocol == "tcp";
    for (const int family : {AF_INET, AF_INET6}) {
      auto bound = bind_wildcard(family, stream ? SOCK_STREAM : SOCK_DGRAM, listener.port);
      if (bound.fd >= 0) {
        listeners.sockets_.push_back({bound.fd, stream, family});
      } else if (!(family == AF_INET6 && bound.failure.find(std::strerror(EAFNOSUPPORT)) != std::string::npos)) {
        failures.push_back(listener.protocol + " " + std::to_string(listener.port) +
                           (family == AF_INET ? " (IPv4): " : " (IPv6): ") + bound.failure);
      }
    }
  }
  return listeners;
}

Listeners::Listeners(Listeners&& other) noexcept
    : sockets_(std::exchange(other.sockets_, {})), connections_(std::exchange(other.connections_, {})) {}

Listeners& Listeners::operator=(Listeners&& other) noexcept {
  if (this != &other) {
    close_all();
    sockets_ = std::exchange(other.sockets_, {});
    connections_ = std::exchange(other.connections_, {});
  }
  return *this;
}

Listeners::~Listeners() { close_all(); }

void Listeners::close_all() {
  for (const auto& socket : sockets_) ::close(socket.fd);
  for (const int connection : connections_) ::close(connection);
  sockets_.clear();
  connections_.clear();
}

void Listeners::serve_until(Deadline deadline) {
  for (;;) {
    std::vector<pollfd> polled;
    for (const auto& socket : sockets_) polled.push_back({socket.fd, POLLIN, 0});
    for (const int connection : connections_) polled.push_back({connection, POLLIN, 0});
    const int timeout = milliseconds_until(deadline);
    if (deadline && timeout == 0) return;
    const int ready = ::poll(polled.data(), polled.size(), timeout);
    if (ready < 0 && errno != EINTR) return;
    std::vector<int> open_connections;
    for (std::size_t i = 0; i < polled.size(); ++i) {
      const bool readable = ready > 0 && polled[i].revents != 0;
      if (i >= sockets_.size()) {
        if (readable && peer_ended(polled[i].fd)) ::close(polled[i].fd);
        else open_connections.push_back(polled[i].fd);
      } else if (readable) {
        if (sockets_[i].stream) accept_all(sockets_[i].fd, open_connections);
        else echo_all(sockets_[i].fd);
      }
    }
    connections_ = std::move(open_connections);
  }
}

}  // namespace ctrlab::probe
