#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/mac.hpp"

// The real kernel, through libnl-route-3: network namespaces, link creation, the module's
// `ip` operations, and reading links, addresses and main-table routes back.
//
// Two small RAII types:
//   NetworkNamespace  an owned handle (fd) on a network namespace; create() makes a new,
//                     empty, anonymous one that disappears with its last handle.
//   RouteSocket       an rtnetlink socket bound to one namespace. Everything it does happens
//                     in that namespace, whatever namespace the calling thread is in.
//
// Neither ever changes the calling thread's or the process's namespace: namespaces are
// entered only by short-lived helper threads (setns/unshare are per-thread for CLONE_NEWNET).
// Works in a static binary (link libnl-route-3.a and libnl-3.a, plus pthread); no exception
// crosses a libnl callback. Errors of the kernel come back with its extended-ack message
// (NETLINK_EXT_ACK), which is how "Error: Nexthop has invalid gateway." reads like iproute2.
//
//   auto host = NetworkNamespace::create();
//   auto container = NetworkNamespace::create();
//   RouteSocket host_rtnl(host), container_rtnl(container);
//   host_rtnl.create_veth({.name = "ve-web", .peer_name = "host0", .peer_namespace = &container});
//   CommandOutcome r = container_rtnl.run({"ip", "link", "set", "host0", "name", "eth0"});
//   NamespaceState state = container_rtnl.read_state();
namespace ctrlab::runner {

// The layer itself could not do its job (create a namespace, open a socket, read a dump).
// Not used for an operation the kernel refuses: that is a CommandOutcome.
class NetlinkError : public std::runtime_error {
 public:
  NetlinkError(std::string operation, int error_number);
  [[nodiscard]] const std::string& operation() const { return operation_; }
  [[nodiscard]] int error_number() const { return error_number_; }

 private:
  std::string operation_;
  int error_number_;
};

class NetworkNamespace {
 public:
  // A new, empty network namespace (only `lo`, down). Needs CAP_SYS_ADMIN.
  [[nodiscard]] static NetworkNamespace create();
  // The network namespace of process `pid` (e.g. a container's init).
  [[nodiscard]] static NetworkNamespace of_process(pid_t pid);
  // The calling thread's own network namespace.
  [[nodiscard]] static NetworkNamespace current();

  NetworkNamespace(NetworkNamespace&& other) noexcept;
  NetworkNamespace& operator=(NetworkNamespace&& other) noexcept;
  NetworkNamespace(const NetworkNamespace&) = delete;
  NetworkNamespace& operator=(const NetworkNamespace&) = delete;
  ~NetworkNamespace();

  [[nodiscard]] int fd() const { return fd_; }

 private:
  explicit NetworkNamespace(int fd) : fd_(fd) {}
  int fd_ = -1;
};

struct VethSpec {
  std::string name;
  std::optional<oracle::MacAddress> mac;  // nullopt: the kernel picks a random one
  std::string peer_name;
  std::optional<oracle::MacAddress> peer_mac;
  const NetworkNamespace* peer_namespace = nullptr;  // nullptr: the socket's own namespace
};

struct MacvlanSpec {
  std::string name;
  std::string parent;  // in the socket's namespace
  std::optional<oracle::MacAddress> mac;
  const NetworkNamespace* target_namespace = nullptr;  // created directly there, as nspawn does
  oracle::LinkKind kind = oracle::LinkKind::macvlan;   // or ipvlan (L2 mode)
};

class RouteSocket {
 public:
  // An rtnetlink socket in `space` (opened by a helper thread that entered it).
  explicit RouteSocket(const NetworkNamespace& space);
  // An rtnetlink socket in the calling thread's namespace (e.g. the probe's, in its container).
  [[nodiscard]] static RouteSocket in_current_namespace();

  RouteSocket(RouteSocket&&) noexcept;
  RouteSocket& operator=(RouteSocket&&) noexcept;
  ~RouteSocket();

  // Creating and moving links, as nspawn and a host's configuration do.
  oracle::CommandOutcome create_veth(const VethSpec& spec);
  oracle::CommandOutcome create_link(const std::string& name, oracle::LinkKind kind);  // bridge or dummy
  oracle::CommandOutcome create_macvlan(const MacvlanSpec& spec);
  oracle::CommandOutcome add_altname(const std::string& link, const std::string& altname);
  oracle::CommandOutcome move_link(const std::string& link, const NetworkNamespace& to);
  oracle::CommandOutcome set_up(const std::string& link, bool up);
  oracle::CommandOutcome set_master(const std::string& link, const std::string& master);
  oracle::CommandOutcome add_address(const std::string& link, const oracle::IpPrefix& local);

  // One `ip` command, as iproute2 would run it: the same request to the kernel, and the
  // same exit status and stderr line for every refusal (`Cannot find device "X"`, "Error:
  // Nexthop has invalid gateway.", "RTNETLINK answers: File exists", ...).
  oracle::CommandOutcome apply(const oracle::IpCommand& command);
  // Parses `argv` with oracle::parse_ip_command, then applies it. A command iproute2 would
  // refuse returns that refusal; an unmodelled or non-ip argv is not run and returns exit
  // status 127 with a message saying so.
  oracle::CommandOutcome run(const oracle::Argv& argv);

  // Links (with altnames, master, kind, flags, MAC, raw peer ifindex), addresses and the
  // main routing table, as oracle types.
  [[nodiscard]] oracle::NamespaceState read_state();

  // The ifindex of a link by name or altname (one link dump); nullopt if there is none.
  [[nodiscard]] std::optional<int> find_link(const std::string& name);

 private:
  struct Socket;
  explicit RouteSocket(std::unique_ptr<Socket> socket);
  std::unique_ptr<Socket> socket_;
};

}  // namespace ctrlab::runner
