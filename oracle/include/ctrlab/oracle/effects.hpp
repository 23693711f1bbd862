#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/user_namespace.hpp"

// The network effects of a rendering: what systemd-nspawn and the kernel make of each
// container's rendered argv and `ip` operations, once every container is up — links (with
// nspawn's names, altnames and MACs), addresses, main-table routes, each operation's
// outcome, and what should answer from where. Pure: computed by the kernel model
// (kernel_model.hpp), never by touching a real network.
//
// The order of events per container (all containers in name order):
//   preStart ops (host; failures ignored) → nspawn parses its argv and creates links →
//   the container init's ops (`bash -e`) → postStart ops (host; `bash -e`).
namespace ctrlab::oracle {

class JsonWriter;

// One step nspawn takes for networking, e.g. "create veth ve-web <-> host0".
struct NspawnNetworkStep {
  std::string action;
  CommandOutcome outcome;  // a failed fatal step makes nspawn exit 1
  bool fatal = true;       // false: nspawn warns and continues (e.g. setting an altname)
};

// One network command of the unit's scripts or the container's init, with its outcome.
struct PredictedOperation {
  OperationRecord record;
  bool failure_ignored = false;  // run as `cmd || true`
  bool modelled = true;          // false: an `ip` command ctrlab does not model (assumed to succeed)
};

// A port nspawn forwards (--port): DNAT on the host's local addresses of each family to the
// container's first address of that family whose scope is below link (systemd v252
// nspawn-expose-ports.c, expose_port_execute(), run for AF_INET and for AF_INET6 on every
// address change in the container; the order is local-addresses.c's address_compare()).
struct ForwardedPort {
  std::string protocol;  // tcp or udp
  std::uint16_t host_port = 0;
  std::uint16_t container_port = 0;
  std::optional<IpAddress> target;   // IPv4; nullopt: the container has no such address
  std::optional<IpAddress> target6;  // IPv6; nullopt: the container has no such address

  [[nodiscard]] const std::optional<IpAddress>& target_of(AddressFamily family) const {
    return family == AddressFamily::ipv4 ? target : target6;
  }
};

// What nspawn runs as the container's PID 1 (the first word after its options).
enum class ContainerCommand {
  container_init,  // the module's container-init script (2018 on): containerOps, then stage 2
  system_init,     // the container system's own init, PATH/init (2014): stage 2 directly, no ops
  other_program,   // anything else, e.g. a word that word splitting made the command: nspawn's
                   // execv of it fails ("No such file or directory") and nspawn exits 1
};
[[nodiscard]] std::string_view to_string(ContainerCommand command);

struct ContainerEffects {
  bool private_network = false;        // has its own namespace (else shares the host's)
  // --network-namespace-path (2025's networkNamespace): the namespace it joins, which exists
  // before it (modelled as `ip netns add` leaves one: only `lo`, down).
  std::optional<std::string> joined_namespace;
  // false: the start ends before systemd-nspawn is run (bash stops reading preStart or the start script)
  bool nspawn_runs = true;
  std::optional<std::string> refusal;  // nspawn refuses the argv: nothing of the container runs
  ContainerCommand command = ContainerCommand::container_init;
  std::string command_path;  // the command as nspawn gets it ("" if there is none)
  // nspawn's steps in order: the root's mounts (mount_all()), then its links; a failed fatal
  // step makes nspawn exit 1 before the container's command runs.
  std::vector<NspawnNetworkStep> nspawn_steps;
  std::vector<PredictedOperation> operations;  // in the order they run
  std::vector<OperationRecord> not_reached;    // never run, because an earlier one failed
  bool init_reaches_stage_2 = false;
  std::optional<std::string> unit_failure;  // why the unit fails to start, if it does
  std::vector<ForwardedPort> forwarded_ports;
  // What `uname -m` says in the container: nspawn's personality (--personality=x86 gives
  // i686). nullopt when nspawn refuses its command line.
  std::optional<std::string> machine;
  // The user namespace nspawn gives it (--private-users): the host's, or its own with the
  // uid_map nspawn writes. nullopt when nspawn does not run or refuses its command line.
  std::optional<ContainerUsers> users;
};

// The TCP port on which the container's init in a real run (ctrlab's probe) listens on every
// address once it reaches stage 2; the host's TCP probes of container addresses connect to it.
inline constexpr std::uint16_t probe_listener_port = 7;

// Whether `probe` should answer, and why (e.g. "via ve-web", "no route in container web").
struct ReachabilityExpectation {
  ReachabilityProbe probe;
  bool answers = false;
  std::string why;
};

// Probes the model says are alike, described once with how many they are: the pairs of a
// host with N containers grow with N², the probes the runner sends and the judge checks must
// not. `reachability` holds the class's sample (its first `sampled` members);
// expand_reachability() lists every member with what it should do.
struct ReachabilityClass {
  enum class Kind {
    peers,           // from a container to the addresses of the containers it can reach
    forwarded_port,  // from the host to a container's forwarded port, on each host address of a family
  };
  Kind kind = Kind::peers;
  NamespaceId from;
  std::string container;  // peers: the sender; forwarded_port: the container whose port it is
  std::size_t members = 0;
  std::size_t sampled = 0;
  std::string description;  // e.g. "tcp port 8080 on each of the host's 400 IPv4 addresses"
};

struct NetworkEffects {
  NetworkState running;             // once every container is up
  // The host's namespace after every container stopped. nspawn that exits by itself moves
  // the interfaces it moved in back to the host; one that systemd has to SIGKILL (see
  // nspawn_exits_by_itself_at_stop()) leaves them to the kernel, which destroys virtual ones
  // with the namespace and returns physical ones.
  NamespaceState host_after_stop;
  std::map<std::string, ContainerEffects> containers;  // by container name
  std::vector<ReachabilityExpectation> reachability;  // every probe the runner sends
  std::vector<ReachabilityClass> reachability_classes;  // the classes whose samples are among them
  std::vector<std::string> notes;  // nspawn warnings and other things a person should see
};

[[nodiscard]] NetworkEffects predict_effects(const Prediction& prediction, const HostNetwork& host);
// The same from each container's nspawn argv as read once for the prediction.
[[nodiscard]] NetworkEffects predict_effects(const Prediction& prediction, const NspawnArgumentsByContainer& arguments,
                                             const HostNetwork& host);

// Every probe the classes stand for, not only their samples: what an exhaustive prediction
// lists (it grows with the square of the containers; for tests and for people who ask).
[[nodiscard]] std::vector<ReachabilityExpectation> expand_reachability(const NetworkEffects& effects, const HostNetwork& host);

// Whether systemd's stop of the unit makes nspawn exit by itself: its KillSignal= (SIGTERM
// unless set) is one nspawn shuts its container down on (nspawn_signals.hpp). The 2018
// module's SIGWINCH is ignored by nspawn; its preStop's SIGRTMIN+4 powers a NixOS system off,
// but not ctrlab's probe (which halts on SIGRTMIN+3 only), so in the sandbox host systemd
// SIGKILLs nspawn once TimeoutStopSec= has passed.
[[nodiscard]] bool nspawn_exits_by_itself_at_stop(const UnitDefinition& unit);

// The readable form `ctrlab predict` prints.
[[nodiscard]] std::string describe(const NetworkEffects& effects);
// The `effects` key of `ctrlab predict --json`.
void to_json(nlohmann::json& json, const NetworkEffects& effects);
// The same, a container at a time (json_writer.hpp).
void write_effects(JsonWriter& out, const NetworkEffects& effects);

}  // namespace ctrlab::oracle
