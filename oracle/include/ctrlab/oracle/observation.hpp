#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/kernel_state.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/oracle/user_namespace.hpp"

// What a runner saw when it ran a scenario for real: the input of judge() (judge.hpp).
// Every aspect is optional: a runner fills what it observed, and the judge checks exactly
// those (an absent aspect is reported as "not observed", never as passed or failed).
namespace ctrlab::oracle {

class JsonWriter;

// The aspects of a run that are observed and judged, one verdict each.
enum class Aspect {
  argv,             // the systemd-nspawn argv really exec'd
  unit_properties,  // the unit as systemd loaded it
  operations,       // each network command's result
  links,
  addresses,
  routes,
  reachability,
  unit_history,     // states, Result, NRestarts, exit status (predicted by the sim)
  filesystem,       // the container's mounts, and whether its root is left after the stop
  platform,         // the machine the container's init sees (`uname -m`: nspawn's personality)
  users,            // the container's user namespace: its own or its host's, and its uid_map
};
[[nodiscard]] std::string_view to_string(Aspect aspect);
[[nodiscard]] std::optional<Aspect> parse_aspect(std::string_view text);

// Where in the unit's life a network command runs.
enum class OperationStage {
  pre_start,       // ExecStartPre (the module's preStart; failures ignored with `|| true`)
  container_init,  // the container's init, before stage 2 (`bash -e`: the first failure ends it)
  post_start,      // ExecStartPost (the module's postStart; `bash -e`)
};
[[nodiscard]] std::string_view to_string(OperationStage stage);
[[nodiscard]] std::optional<OperationStage> parse_operation_stage(std::string_view text);

// One command that ran, and how it ended.
struct OperationRecord {
  OperationStage stage = OperationStage::pre_start;
  Argv argv;
  CommandOutcome outcome;
};

// Something the runner had to do differently from a NixOS host to run the unit here (a
// store path replaced, an nspawn option added), with the reason. Shown beside the verdict,
// never counted as a failure. It also names the differences it explains: a difference of
// `aspect` (in `subject`, at `field`) from `predicted` to `observed` is reported as adapted.
// An empty subject or field matches any; an absent predicted/observed value matches any, an
// empty one matches "none" (an argument the runner added has no predicted value).
struct SandboxAdaptation {
  Aspect aspect = Aspect::argv;
  std::string subject;  // "container web", "host", or "" for every subject
  std::string field;    // e.g. "argv[0]", or "" for any field
  std::optional<std::string> predicted;
  std::optional<std::string> observed;
  std::string what;  // what was changed, in a sentence
  std::string why;   // the reason, in a sentence
};

// Whether an address (and optionally a forwarded port) answered from a namespace.
struct ReachabilityProbe {
  NamespaceId from;
  IpAddress to;
  std::optional<std::uint16_t> port;  // a forwarded port on a host address
  std::string protocol = "icmp";      // icmp, tcp or udp

  [[nodiscard]] std::string describe() const;  // "from host to 10.0.0.2", "... tcp port 8080"
  friend auto operator<=>(const ReachabilityProbe&, const ReachabilityProbe&) = default;
};

struct ReachabilityResult {
  ReachabilityProbe probe;
  bool answered = false;
};

// A mount in the container's mount namespace, as its /proc/PID/mountinfo shows it (the
// mount point as the container sees it).
struct ObservedMount {
  std::string mount_point;
  std::string fstype;
  bool read_only = false;
};

struct FilesystemObservation {
  std::optional<std::vector<ObservedMount>> mounts;  // while the container ran (nullopt: it did not)
  std::optional<bool> root_exists_after_stop;       // the -D directory, once the unit stopped
};

// The user namespace of the container's init, as the host it runs on sees it.
struct ObservedUsers {
  bool own_namespace = false;  // /proc/PID/ns/user differs from the host's
  // Its /proc/PID/uid_map, in the ids of the host's user namespace (the sandbox's, in a real
  // run: what systemd-nspawn there wrote); empty when it shares the host's namespace.
  std::vector<IdMapping> uid_map;
};

struct ContainerObservation {
  std::optional<Argv> nspawn_argv;  // /proc/PID/cmdline of the systemd-nspawn process
  // The unit's properties as systemd loaded them, with `systemctl show`'s names and values
  // (e.g. "Type" -> "notify", "TimeoutStartUSec" -> "1min", "KillSignal" -> "15").
  std::optional<std::map<std::string, std::string>> unit_properties;
  // Every network command the unit's scripts and the container's init ran, in order.
  std::optional<std::vector<OperationRecord>> operations;
  std::optional<UnitHistory> unit_history;
  std::optional<StopOutcome> stop_outcome;  // the unit at rest after the runner's stop
  std::optional<FilesystemObservation> filesystem;
  std::optional<std::string> machine;  // `uname -m` as the container's init saw it (its first boot)
  std::optional<ObservedUsers> users;   // the user namespace of the container's init, while it ran
};

struct Observation {
  // Links, addresses and main routes of the host's and each container's namespace, once
  // every container was up.
  std::optional<NetworkState> network;
  // The host's namespace after every container stopped.
  std::optional<NamespaceState> host_after_stop;
  std::map<std::string, ContainerObservation> containers;  // by container name
  std::optional<std::vector<ReachabilityResult>> reachability;
  std::vector<SandboxAdaptation> adaptations;
};

void to_json(nlohmann::json& json, const OperationRecord& record);
void to_json(nlohmann::json& json, const SandboxAdaptation& adaptation);
void to_json(nlohmann::json& json, const ReachabilityProbe& probe);
// A probe's members (from, port, protocol, to) inside an object being written, for documents
// that add members of their own around them in key order ("answers" before, "why" after).
void write_probe_members(JsonWriter& out, const ReachabilityProbe& probe);
void to_json(nlohmann::json& json, const ReachabilityResult& result);
void to_json(nlohmann::json& json, const FilesystemObservation& observation);
void to_json(nlohmann::json& json, const ContainerObservation& observation);
void to_json(nlohmann::json& json, const Observation& observation);
// Throws InputError naming the JSON path and the expected form.
[[nodiscard]] Observation observation_from_json(const nlohmann::json& json);
[[nodiscard]] SandboxAdaptation sandbox_adaptation_from_json(const nlohmann::json& json, const std::string& path);
// UnitHistory has no ADL to_json here (its header is shared); these name the JSON form.
[[nodiscard]] nlohmann::json unit_history_to_json(const UnitHistory& history);
void write_json(JsonWriter& out, const UnitHistory& history);
[[nodiscard]] UnitHistory unit_history_from_json(const nlohmann::json& json, const std::string& path);
[[nodiscard]] nlohmann::json stop_outcome_to_json(const StopOutcome& outcome);
void write_json(JsonWriter& out, const StopOutcome& outcome);
[[nodiscard]] StopOutcome stop_outcome_from_json(const nlohmann::json& json, const std::string& path);

}  // namespace ctrlab::oracle
