#include "scenario/reachability.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/netlink.hpp"
#include "scenario/icmp_echo.hpp"
#include "system/unique_fd.hpp"

namespace ctrlab::runner::reachability {
namespace {

using Clock = std::chrono::steady_clock;
using oracle::AddressFamily;

// An unanswered echo request or datagram is sent again after this long: the first one may
// have been dropped while a neighbour was being resolved.
constexpr auto resend_interval = std::chrono::milliseconds(100);
constexpr auto detection_poll = std::chrono::milliseconds(20);
constexpr std::size_t max_packet = 2048;
constexpr unsigned tentative_flag = 0x40;   // IFA_F_TENTATIVE
constexpr unsigned dad_failed_flag = 0x08;  // IFA_F_DADFAILED
constexpr std::uint8_t udp_payload[] = {'c', 't', 'r', 'l', 'a', 'b'};

enum class Kind { icmp, tcp, udp };

Kind kind_of(const oracle::ReachabilityProbe& probe) {
  if (probe.protocol == "tcp") return Kind::tcp;
  if (probe.protocol == "udp") return Kind::udp;
  return Kind::icmp;
}

int domain_of(AddressFamily family) { return family == AddressFamily::ipv4 ? AF_INET : AF_INET6; }

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  [[nodiscard]] const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

SocketAddress socket_address(const oracle::IpAddress& address, std::uint16_t port) {
  SocketAddress out;
  if (address.family == AddressFamily::ipv4) {
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    std::memcpy(&v4.sin_addr, address.bytes.data(), 4);
    std::memcpy(&out.storage, &v4, sizeof v4);
    out.length = sizeof v4;
  } else {
    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    std::memcpy(&v6.sin6_addr, address.bytes.data(), 16);
    std::memcpy(&out.storage, &v6, sizeof v6);
    out.length = sizeof v6;
  }
  return out;
}

std::optional<oracle::IpAddress> address_of(const sockaddr_storage& storage) {
  oracle::IpAddress address;
  if (storage.ss_family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, &storage, sizeof v4);
    std::memcpy(address.bytes.data(), &v4.sin_addr, 4);
    return address;
  }
  if (storage.ss_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &storage, sizeof v6);
    address.family = AddressFamily::ipv6;
    std::memcpy(address.bytes.data(), &v6.sin6_addr, 16);
    return address;
  }
  return std::nullopt;
}

struct SocketKind {
  int domain = AF_INET;
  int type = SOCK_RAW;
  int protocol = 0;
};

// Sockets belong to the namespace they are opened in: a helper thread enters the namespace of
// `pid`, opens them, and ends.
std::vector<sys::UniqueFd> open_in_namespace_of(pid_t pid, const std::vector<SocketKind>& kinds) {
  const auto space = NetworkNamespace::of_process(pid);
  std::vector<int> opened;
  std::string failed;
  int failure = 0;
  std::thread opener([&] {
    if (::setns(space.fd(), CLONE_NEWNET) != 0) {
      failure = errno;
      failed = "setns(CLONE_NEWNET)";
      return;
    }
    for (const auto& kind : kinds) {
      const int fd = ::socket(kind.domain, kind.type | SOCK_NONBLOCK | SOCK_CLOEXEC, kind.protocol);
      if (fd < 0) {
        failure = errno;
        failed = "socket";
        return;
      }
      opened.push_back(fd);
    }
  });
  opener.join();
  std::vector<sys::UniqueFd> owned;
  for (const int fd : opened) owned.emplace_back(fd);
  if (failure != 0) {
    throw RunnerError("open reachability probe sockets in the namespace of pid " + std::to_string(pid),
                      failed + ": " + std::strerror(failure));
  }
  return owned;
}

// Whether some IPv6 address of the namespace of `pid` is still being checked for duplicates.
bool detection_pending(pid_t pid) {
  std::ifstream table("/proc/" + std::to_string(pid) + "/net/if_inet6");
  for (std::string line; std::getline(table, line);) {
    std::istringstream fields(line);
    std::string address, index, length, scope, flags;
    fields >> address >> index >> length >> scope >> flags;
    if (flags.empty()) continue;
    const auto value = std::stoul(flags, nullptr, 16);
    if ((value & tentative_flag) != 0 && (value & dad_failed_flag) == 0) return true;
  }
  return false;
}

void wait_for_address_detection(const Vantages& vantages, Clock::time_point deadline) {
  while (Clock::now() < deadline &&
         std::any_of(vantages.begin(), vantages.end(), [](const auto& each) { return detection_pending(each.second); })) {
    std::this_thread::sleep_for(detection_poll);
  }
}

// One probe in flight.
struct Attempt {
  std::size_t index = 0;  // in the caller's list, and the ICMP sequence number
  Kind kind = Kind::icmp;
  SocketAddress target;
  int fd = -1;  // TCP and UDP: its own socket; ICMP: the namespace's raw socket of the family
  bool done = false;
  bool answered = false;

  void conclude(bool answer) {
    done = true;
    answered = answer;
  }
};

// The probes sent from one namespace and the sockets they use.
struct Vantage {
  pid_t pid = 0;
  std::vector<std::size_t> probes;  // indexes in the caller's list
  std::vector<sys::UniqueFd> sockets;
  int raw_v4 = -1;
  int raw_v6 = -1;
};

// An error that settles a probe as unanswered at once (refused, no route, not permitted).
bool fails_at_once(int error) {
  return error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH || error == EACCES ||
         error == EPERM || error == EADDRNOTAVAIL || error == EINVAL;
}

class Round {
 public:
  Round(const std::vector<oracle::ReachabilityProbe>& probes, std::uint16_t identifier)
      : probes_(probes), identifier_(identifier), attempts_(probes.size()) {
    for (std::size_t i = 0; i < probes.size(); ++i) {
      attempts_[i].index = i;
      attempts_[i].kind = kind_of(probes[i]);
      attempts_[i].target = socket_address(probes[i].to, probes[i].port.value_or(0));
    }
  }

  // Opens the namespace's sockets; its probes stay unanswered when the namespace is gone.
  void prepare(Vantage& vantage) {
    std::vector<SocketKind> kinds;
    bool wants_v4 = false;
    bool wants_v6 = false;
    for (const auto i : vantage.probes) {
      const auto family = probes_[i].to.family;
      switch (attempts_[i].kind) {
        case Kind::icmp:
          (family == AddressFamily::ipv4 ? wants_v4 : wants_v6) = true;
          break;
        case Kind::tcp:
          kinds.push_back({domain_of(family), SOCK_STREAM, 0});
          break;
        case Kind::udp:
          kinds.push_back({domain_of(family), SOCK_DGRAM, 0});
          break;
      }
    }
    if (wants_v4) kinds.push_back({AF_INET, SOCK_RAW, IPPROTO_ICMP});
    if (wants_v6) kinds.push_back({AF_INET6, SOCK_RAW, IPPROTO_ICMPV6});
    try {
      vantage.sockets = open_in_namespace_of(vantage.pid, kinds);
    } catch (const NetlinkError&) {
      for (const auto i : vantage.probes) attempts_[i].conclude(false);  // the namespace is gone
      return;
    }
    std::size_t next = 0;
    for (const auto i : vantage.probes) {
      if (attempts_[i].kind != Kind::icmp) attempts_[i].fd = vantage.sockets[next++].get();
    }
    if (wants_v4) vantage.raw_v4 = vantage.sockets[next++].get();
    if (wants_v6) vantage.raw_v6 = vantage.sockets[next++].get();
    for (const auto i : vantage.probes) {
      auto& attempt = attempts_[i];
      if (attempt.kind == Kind::icmp) attempt.fd = probes_[i].to.family == AddressFamily::ipv4 ? vantage.raw_v4 : vantage.raw_v6;
      // Closed with a reset: no TIME_WAIT on either side, no connection left in the listener's queue.
      if (attempt.kind == Kind::tcp) {
        const linger reset{1, 0};
        ::setsockopt(attempt.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      }
      if (attempt.kind != Kind::icmp && ::connect(attempt.fd, attempt.target.get(), attempt.target.length) != 0 &&
          errno != EINPROGRESS) {
        attempt.conclude(false);
      }
    }
    raw_sockets_.push_back({vantage.raw_v4, AddressFamily::ipv4});
    raw_sockets_.push_back({vantage.raw_v6, AddressFamily::ipv6});
  }

  // A probe from a namespace that does not exist gets no answer.
  void unanswerable(std::size_t index) { attempts_[index].conclude(false); }

  void run(Clock::time_point deadline) {
    auto next_send = Clock::now();
    for (auto now = Clock::now(); now < deadline && !all_done(); now = Clock::now()) {
      if (now >= next_send) {
        send_unanswered();
        next_send = now + resend_interval;
      }
      wait_and_read(std::min(deadline, next_send));
    }
  }

  [[nodiscard]] std::vector<oracle::ReachabilityResult> results() const {
    std::vector<oracle::ReachabilityResult> out;
    for (std::size_t i = 0; i < probes_.size(); ++i) out.push_back({probes_[i], attempts_[i].answered});
    return out;
  }

 private:
  struct RawSocket {
    int fd = -1;
    AddressFamily family = AddressFamily::ipv4;
  };

  [[nodiscard]] bool all_done() const {
    return std::all_of(attempts_.begin(), attempts_.end(), [](const Attempt& each) { return each.done; });
  }

  [[nodiscard]] icmp_echo::EchoId echo_id(std::size_t index) const {
    return {identifier_, static_cast<std::uint16_t>(index & 0xffffU)};
  }

  void send_unanswered() {
    for (auto& attempt : attempts_) {
      if (attempt.done || attempt.kind == Kind::tcp) continue;
      ssize_t sent = 0;
      if (attempt.kind == Kind::icmp) {
        const auto message = icmp_echo::request(probes_[attempt.index].to.family, echo_id(attempt.index));
        sent = ::sendto(attempt.fd, message.data(), message.size(), 0, attempt.target.get(), attempt.target.length);
      } else {
        sent = ::send(attempt.fd, udp_payload, sizeof udp_payload, 0);
      }
      if (sent < 0 && fails_at_once(errno)) attempt.conclude(false);
    }
  }

  void wait_and_read(Clock::time_point until) {
    std::vector<pollfd> polled;
    std::vector<Attempt*> polled_attempts;  // nullptr for a raw socket
    for (const auto& raw : raw_sockets_) {
      if (raw.fd < 0) continue;
      polled.push_back({raw.fd, POLLIN, 0});
      polled_attempts.push_back(nullptr);
    }
    for (auto& attempt : attempts_) {
      if (attempt.done || attempt.kind == Kind::icmp) continue;
      polled.push_back({attempt.fd, static_cast<short>(attempt.kind == Kind::tcp ? POLLOUT : POLLIN), 0});
      polled_attempts.push_back(&attempt);
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
    if (::poll(polled.data(), polled.size(), static_cast<int>(std::max<long long>(left, 0))) <= 0) return;
    for (std::size_t i = 0; i < polled.size(); ++i) {
      if (polled[i].revents == 0) continue;
      if (polled_attempts[i] == nullptr) read_echo_replies(polled[i].fd);
      else finish(*polled_attempts[i]);
    }
  }

  void read_echo_replies(int fd) {
    const auto raw = std::find_if(raw_sockets_.begin(), raw_sockets_.end(), [&](const RawSocket& each) { return each.fd == fd; });
    for (;;) {
      std::array<std::uint8_t, max_packet> packet{};
      sockaddr_storage sender{};
      socklen_t sender_length = sizeof sender;
      const ssize_t length = ::recvfrom(fd, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&sender), &sender_length);
      if (length < 0) return;
      const auto id = icmp_echo::reply(raw->family, std::span(packet.data(), static_cast<std::size_t>(length)));
      const auto from = address_of(sender);
      if (!id || !from || id->identifier != identifier_) continue;
      for (auto& attempt : attempts_) {
        // Sequence numbers wrap after 65536 probes; the sender's address and socket tell them apart.
        if (!attempt.done && attempt.kind == Kind::icmp && attempt.fd == fd && echo_id(attempt.index) == *id &&
            probes_[attempt.index].to == *from) {
          attempt.conclude(true);
        }
      }
    }
  }

  static void finish(Attempt& attempt) {
    if (attempt.kind == Kind::tcp) {
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(attempt.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      attempt.conclude(error == 0);
      return;
    }
    std::array<std::uint8_t, max_packet> reply{};
    if (::recv(attempt.fd, reply.data(), reply.size(), 0) >= 0) attempt.conclude(true);
    else if (errno != EAGAIN && errno != EINTR) attempt.conclude(false);
  }

  const std::vector<oracle::ReachabilityProbe>& probes_;
  const std::uint16_t identifier_;
  std::vector<Attempt> attempts_;
  std::vector<RawSocket> raw_sockets_;
};

// Tells this round's echo replies from another's in the same namespace. Atomic: with
// `ctrlab run --jobs N` the sandboxes' threads count rounds at once.
std::uint16_t round_identifier() {
  static std::atomic<std::uint16_t> rounds{0};
  return static_cast<std::uint16_t>((static_cast<unsigned>(::getpid()) * 2654435761U + ++rounds) & 0xffffU);
}

}  // namespace

void turn_off_address_detection(pid_t pid) {
  const auto space = NetworkNamespace::of_process(pid);
  std::string failed;
  // /proc/sys/net shows the namespace of the thread that opens it.
  std::thread writer([&] {
    if (::setns(space.fd(), CLONE_NEWNET) != 0) {
      failed = std::string("setns(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    if (!std::filesystem::exists("/proc/sys/net/ipv6/conf")) return;  // a kernel without IPv6
    for (const char* scope : {"all", "default"}) {
      const std::string path = std::string("/proc/sys/net/ipv6/conf/") + scope + "/accept_dad";
      std::ofstream out(path);
      out << "0\n";
      out.flush();
      if (!out) failed = "write " + path;
    }
  });
  writer.join();
  if (!failed.empty()) throw RunnerError("turn off duplicate address detection in the namespace of pid " + std::to_string(pid), failed);
}

std::map<std::string, std::vector<probe::Listener>> probe_listeners(const oracle::NetworkEffects& effects) {
  std::map<std::string, std::vector<probe::Listener>> listeners;
  for (const auto& [name, container] : effects.containers) {
    if (!container.private_network) continue;
    std::vector<probe::Listener> served{{"tcp", oracle::probe_listener_port}};
    for (const auto& port : container.forwarded_ports) served.push_back({port.protocol, port.container_port});
    std::sort(served.begin(), served.end());
    served.erase(std::unique(served.begin(), served.end()), served.end());
    listeners.emplace(name, std::move(served));
  }
  return listeners;
}

std::vector<oracle::ReachabilityResult> observe(const std::vector<oracle::ReachabilityProbe>& probes,
                                                const Vantages& vantages, std::chrono::milliseconds timeout) {
  Round round(probes, round_identifier());
  std::map<oracle::NamespaceId, Vantage> senders;
  bool any_ipv6 = false;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    any_ipv6 = any_ipv6 || probes[i].to.family == AddressFamily::ipv6;
    const auto found = vantages.find(probes[i].from);
    if (found == vantages.end()) {
      round.unanswerable(i);  // not running
      continue;
    }
    auto& sender = senders[probes[i].from];
    sender.pid = found->second;
    sender.probes.push_back(i);
  }
  if (any_ipv6) wait_for_address_detection(vantages, Clock::now() + address_detection_wait);
  for (auto& [id, sender] : senders) round.prepare(sender);
  round.run(Clock::now() + timeout);
  return round.results();
}

}  // namespace ctrlab::runner::reachability
