#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/prediction.hpp"

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

// A port nspawn forwards (--port): DNAT on the host's local addresses to the container's
// first address with scope below link.
struct ForwardedPort {
  std::string protocol;  // tcp or udp
  std::uint16_t host_port = 0;
  std::uint16_t container_port = 0;
  std::optional<IpAddress> target;  // nullopt: the container has no such address
};

struct ContainerEffects {
  bool private_network = false;        // has its own namespace (else shares the host's)
  std::optional<std::string> refusal;  // nspawn refuses the argv: nothing of the container runs
  std::vector<NspawnNetworkStep> nspawn_steps;
  std::vector<PredictedOperation> operations;  // in the order they run
  std::vector<OperationRecord> not_reached;    // never run, because an earlier one failed
  bool init_reaches_stage_2 = false;
  std::optional<std::string> unit_failure;  // why the unit fails to start, if it does
  std::vector<ForwardedPort> forwarded_ports;
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

struct NetworkEffects {
  NetworkState running;             // once every container is up
  NamespaceState host_after_stop;   // the host's namespace after every container stopped
  std::map<std::string, ContainerEffects> containers;  // by container name
  std::vector<ReachabilityExpectation> reachability;
  std::vector<std::string> notes;  // nspawn warnings and other things a person should see
};

[[nodiscard]] NetworkEffects predict_effects(const Prediction& prediction, const HostNetwork& host);

// The readable form `ctrlab predict` prints.
[[nodiscard]] std::string describe(const NetworkEffects& effects);
// The `effects` key of `ctrlab predict --json`.
void to_json(nlohmann::json& json, const NetworkEffects& effects);

}  // namespace ctrlab::oracle
