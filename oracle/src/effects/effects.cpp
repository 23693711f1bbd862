#include "ctrlab/oracle/effects.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <variant>
#include <nlohmann/json.hpp>

#include "container_root.hpp"
#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/kernel_model.hpp"
#include "ctrlab/oracle/nspawn_effects.hpp"
#include "ctrlab/oracle/nspawn_signals.hpp"
#include "reachability_effects.hpp"

namespace ctrlab::oracle {
namespace {

// How a script treats a failing command: the module's preStart appends `|| true` to each;
// postStart and the container's init run under `bash -e`, so the first failure ends them.
struct ScriptRules {
  OperationStage stage;
  bool failures_ignored;
};

std::string shell_words(const Argv& argv) {
  std::string text;
  for (const auto& word : argv) text += (text.empty() ? "" : " ") + word;
  return text;
}

// Runs a script's commands in a namespace; false once a failure stops the script.
bool run_script(KernelModel& model, const NamespaceId& in, const std::vector<Argv>& commands, ScriptRules rules,
                ContainerEffects& effects) {
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Argv& argv = commands[i];
    const ParsedCommand parsed = parse_ip_command(argv);
    if (parsed.status == ParsedCommand::Status::not_ip) continue;
    PredictedOperation operation;
    operation.record = OperationRecord{rules.stage, argv, {}};
    operation.failure_ignored = rules.failures_ignored;
    operation.modelled = parsed.status != ParsedCommand::Status::unmodelled;
    operation.record.outcome = operation.modelled ? model.run(in, parsed) : CommandOutcome::success();
    const bool stops = !operation.record.outcome.ok() && !rules.failures_ignored;
    effects.operations.push_back(std::move(operation));
    if (!stops) continue;
    for (std::size_t rest = i + 1; rest < commands.size(); ++rest) {
      if (parse_ip_command(commands[rest]).status != ParsedCommand::Status::not_ip) {
        effects.not_reached.push_back(OperationRecord{rules.stage, commands[rest], {}});
      }
    }
    return false;
  }
  return true;
}

// nspawn's link setup (run_container() in v252): move interfaces, the veth (and its bridge
// or zone), the extra veths, the macvlans/ipvlans. Returns false when nspawn gives up.
class NspawnSetup {
 public:
  NspawnSetup(KernelModel& model, const NspawnNetworkPlan& plan, const NamespaceId& container, ContainerEffects& effects)
      : model_(model), plan_(plan), container_(container), effects_(effects) {}

  bool run() {
    for (const auto& interface : plan_.moved_interfaces) {
      if (!step("move " + interface + " into the container", move(interface))) return false;
    }
    if (plan_.veth && !setup_veth(*plan_.veth)) return false;
    for (const auto& extra : plan_.extra_veths) {
      const auto outcome = model_.create_veth({host_, extra.host_name}, extra.host_mac, {container_, extra.container_name},
                                              extra.container_mac);
      if (!step("create veth " + extra.host_name + " <-> " + extra.container_name,
                failed_as(outcome, "Failed to add new veth interfaces (" + extra.host_name + ":" + extra.container_name + ")"))) {
        return false;
      }
    }
    for (const auto& link : plan_.macvlans) {
      if (!setup_macvlan(link)) return false;
    }
    return true;
  }

 private:
  static CommandOutcome failed_as(const CommandOutcome& outcome, const std::string& what) {
    if (outcome.ok()) return outcome;
    const auto colon = outcome.message.find(": ");
    const std::string reason = colon == std::string::npos ? outcome.message : outcome.message.substr(colon + 2);
    return {1, what + ": " + reason};
  }

  bool step(std::string action, CommandOutcome outcome, bool fatal = true) {
    const bool ok = outcome.ok();
    effects_.nspawn_steps.push_back({std::move(action), std::move(outcome), fatal});
    return ok || !fatal;
  }

  CommandOutcome move(const std::string& interface) {
    if (!model_.has_link({host_, interface})) return {1, "Failed to resolve interface " + interface + ": No such device"};
    return failed_as(model_.move_link({host_, interface}, container_), "Failed to move interface " + interface + " to namespace");
  }

  bool setup_veth(const NspawnVeth& veth) {
    const std::string& name = veth.host_name.name;
    const auto created = model_.create_veth({host_, name}, veth.host_mac, {container_, veth.container_name}, veth.container_mac);
    if (!step("create veth " + name + " <-> " + veth.container_name,
              failed_as(created, "Failed to add new veth interfaces (" + name + ":" + veth.container_name + ")"))) {
      return false;
    }
    if (veth.host_name.full_name) set_altname(name, *veth.host_name.full_name);
    if (!veth.bridge) return true;
    if (veth.zone && !model_.has_link({host_, *veth.bridge})) {
      step("create bridge " + *veth.bridge + " (down)", model_.create_link(host_, *veth.bridge, LinkKind::bridge, std::nullopt));
    }
    CommandOutcome joined{1, "Failed to add interface " + name + " to bridge " + *veth.bridge + ": No such device"};
    if (model_.has_link({host_, *veth.bridge})) {
      joined = failed_as(model_.apply(host_, LinkSetCommand{name, std::nullopt, true, *veth.bridge}),
                         "Failed to add interface " + name + " to bridge " + *veth.bridge);
    }
    return step("join " + name + " to bridge " + *veth.bridge + " and set it up", joined);
  }

  bool setup_macvlan(const NspawnMacvlan& link) {
    const std::string& name = link.name.name;
    CommandOutcome created{1, "Failed to resolve interface " + link.parent + ": No such device"};
    if (model_.has_link({host_, link.parent})) {
      created = failed_as(model_.create_macvlan({container_, name}, link.mac, {host_, link.parent}, link.kind),
                          "Failed to add new " + std::string(to_string(link.kind)) + " interfaces");
    }
    if (!step("create " + std::string(to_string(link.kind)) + " " + name + " on " + link.parent, created)) return false;
    // v252 sets the altname by name in the host's namespace, where the link is not.
    if (link.name.full_name) set_altname(name, *link.name.full_name);
    return true;
  }

  void set_altname(const std::string& name, const std::string& altname) {
    const auto outcome = model_.add_altname({host_, name}, altname);
    CommandOutcome shown = outcome;
    if (!outcome.ok()) {
      const auto colon = outcome.message.find(": ");
      shown.message = "Failed to set alternative interface name '" + altname + "' to '" + name + "', ignoring: " +
                      (colon == std::string::npos ? outcome.message : outcome.message.substr(colon + 2));
    }
    step("set altname " + altname + " on " + name, shown, false);
  }

  KernelModel& model_;
  const NspawnNetworkPlan& plan_;
  NamespaceId container_;
  NamespaceId host_ = NamespaceId::host();
  ContainerEffects& effects_;
};

void create_host_network(KernelModel& model, const HostNetwork& host) {
  const NamespaceId here = NamespaceId::host();
  model.add_namespace(here, true);
  for (const auto& interface : host.interfaces) model.create_link(here, interface.name, interface.kind, interface.mac);
  for (const auto& interface : host.interfaces) {
    if (interface.master) model.set_master({here, interface.name}, *interface.master);
    if (interface.up) model.set_up({here, interface.name}, true);
    for (const auto& address : interface.addresses) model.add_address({here, interface.name}, address);
  }
}

// Where nspawn forwards its ports for one address family, once the container's addresses
// settle. systemd v252 (nspawn-expose-ports.c, expose_port_execute(), called for AF_INET and
// AF_INET6 on every RTM_NEWADDR/RTM_DELADDR in the container) takes the first address of
// local_addresses() for the family — host-scope ones left out, ordered by scope, then
// interface index, then the address's bytes (local-addresses.c, address_compare()) — and
// forwards to it only if its scope is below link (global or site). Ifindexes are the
// kernel's: the order the model created the links in stands for them.
std::optional<IpAddress> forwarding_target(const NamespaceState& container, AddressFamily family) {
  const auto link_order = [&](const std::string& name) {
    const auto found = std::find_if(container.links.begin(), container.links.end(),
                                    [&](const LinkState& link) { return link.name == name; });
    return static_cast<std::size_t>(found - container.links.begin());
  };
  const AddressState* first = nullptr;
  const auto rank = [&](const AddressState& address) {
    return std::tuple(address.scope, link_order(address.link), address.local.address);
  };
  for (const auto& address : container.addresses) {
    if (address.local.address.family != family || address.scope == AddressScope::host) continue;
    if (first == nullptr || rank(address) < rank(*first)) first = &address;
  }
  if (first == nullptr || (first->scope != AddressScope::global && first->scope != AddressScope::site)) return std::nullopt;
  return first->local.address;
}

// Revisions whose start command has nspawn exec the container system's own init (PATH/init,
// NixOS's stage 2) directly rather than the module's container-init script: only 2014.
bool runs_system_init_directly(Revision revision) { return revision == Revision::r2014; }

ContainerCommand command_of(const ContainerPrediction& rendering, Revision revision,
                            const std::optional<std::string>& command) {
  // The rendering lists the init's commands exactly when the command is its container-init.
  if (rendering.containerOps) return ContainerCommand::container_init;
  if (runs_system_init_directly(revision) && command && command->ends_with("/init")) return ContainerCommand::system_init;
  return ContainerCommand::other_program;
}

std::string failure_text(const OperationRecord& record) {
  return "`" + shell_words(record.argv) + "` exited " + std::to_string(record.outcome.exit_status) + ": " +
         record.outcome.message;
}

std::string unreadable(const ScriptSyntaxError& error) {
  return "bash cannot read it where " + error.optionPath + " is written into it (" + error.message + ") and exits " +
         std::to_string(bash_syntax_error_status);
}

// nspawn's mounts in the root, before any link (the outer child's mount_all()). False when
// one fails, fatally.
bool mount_root(const ContainerPrediction& rendering, const NspawnNetworkPlan& plan, ContainerEffects& effects) {
  const CommandOutcome tmp = mount_tmp(plan.root, root_directories_made(rendering, plan.root.directory));
  if (tmp.ok()) return true;
  effects.nspawn_steps.push_back({"mount tmpfs on /tmp", tmp, true});
  return false;
}

// The uid that owns a container's root directory: the start script makes it as root.
constexpr std::uint32_t root_directory_owner = 0;

// What nspawn makes of one container's argv: the user namespace it asks for and the plan.
struct NspawnReading {
  UserNamespaceRequest users;
  NspawnNetworkPlan plan;
};

// By container name.
using NspawnReadings = std::map<std::string, NspawnReading, std::less<>>;

// Every container's reading, made once: the starts, the stops and pick's contention use it.
NspawnReadings read_each_container(const NspawnArgumentsByContainer& arguments, const HostNetwork& host) {
  NspawnReadings readings;
  for (const auto& [name, argv] : arguments) {
    readings.emplace_hint(readings.end(), name,
                          NspawnReading{user_namespace_request(argv), plan_nspawn_network(argv, host.machine_id)});
  }
  return readings;
}

// The bases that nspawn's pick hashes the names of two or more containers to.
std::set<std::uint32_t> contended_pick_bases(const NspawnReadings& readings) {
  std::set<std::uint32_t> seen;
  std::set<std::uint32_t> contended;
  for (const auto& [name, reading] : readings) {
    if (reading.users.mode != UserNamespaceMode::pick) continue;
    const auto base = nspawn_hashed_uid_base(reading.plan.machine);
    if (!seen.insert(base).second) contended.insert(base);
  }
  return contended;
}

// One container's start, as systemd runs the unit. Returns whether it stays up.
// `contended_bases`: the bases pick hashes two containers' names to (at most one gets it).
bool start_container(KernelModel& model, const std::string& name, const ContainerPrediction& rendering,
                     const NspawnReading& nspawn, Revision revision, const std::set<std::uint32_t>& contended_bases,
                     ContainerEffects& effects) {
  const NamespaceId host_space = NamespaceId::host();
  run_script(model, host_space, rendering.hostOps.preStart.value_or(std::vector<Argv>{}), {OperationStage::pre_start, true},
             effects);
  if (const auto* error = syntax_error_in(rendering, UnitScript::pre_start)) {
    effects.unit_failure = "ExecStartPre= (preStart) fails: " + unreadable(*error) + "; systemd-nspawn never runs";
    effects.nspawn_runs = false;
    return false;
  }
  if (const auto* error = syntax_error_in(rendering, UnitScript::start)) {
    effects.unit_failure = "the start script stops before it runs systemd-nspawn: " + unreadable(*error);
    effects.nspawn_runs = false;
    return false;
  }
  const NspawnNetworkPlan& plan = nspawn.plan;
  if (plan.refusal) {
    effects.refusal = plan.refusal;
    effects.unit_failure = "systemd-nspawn refuses its command line (exit status 1): " + *plan.refusal;
    return false;
  }
  effects.machine = std::string(uname_machine(plan.personality));
  // The root directory is made by root (the start script's mkdir -p), so its owner gives pick no base.
  effects.users = predict_container_users(nspawn.users, plan.machine, root_directory_owner,
                                          contended_bases.contains(nspawn_hashed_uid_base(plan.machine)));
  effects.command = command_of(rendering, revision, plan.command);
  effects.command_path = plan.command.value_or("");
  effects.joined_namespace = plan.network_namespace_path;
  effects.private_network = plan.private_network || plan.network_namespace_path.has_value();
  if (!mount_root(rendering, plan, effects)) {
    effects.unit_failure = "systemd-nspawn exits 1: " + effects.nspawn_steps.back().outcome.message;
    return false;
  }
  const NamespaceId space = effects.private_network ? NamespaceId::of_container(name) : host_space;
  // nspawn brings `lo` up in a namespace of its own (loopback_setup() with --private-network,
  // nspawn.c inner_child()), not in one it joins.
  if (effects.private_network) model.add_namespace(space, plan.private_network);
  if (plan.private_network && !NspawnSetup(model, plan, space, effects).run()) {
    effects.unit_failure = "systemd-nspawn exits 1: " + effects.nspawn_steps.back().outcome.message;
    model.remove_namespace(space);
    return false;
  }
  if (effects.command == ContainerCommand::other_program) {
    effects.unit_failure = "systemd-nspawn runs `" + effects.command_path +
                           "` as the container's command instead of its init: execv(" + effects.command_path +
                           ") fails (No such file or directory) and systemd-nspawn exits 1";
    if (effects.private_network) model.remove_namespace(space);
    return false;
  }
  // The system's own init is stage 2 itself: nothing runs in the container before it.
  const std::vector<Argv> no_ops;
  const auto& init_ops = effects.command == ContainerCommand::container_init ? *rendering.containerOps : no_ops;
  const bool init_ok = run_script(model, space, init_ops, {OperationStage::container_init, false}, effects);
  effects.init_reaches_stage_2 = init_ok && (effects.command == ContainerCommand::system_init ||
                                             (!init_ops.empty() && init_ops.back() == Argv{"stage-2-init"}));
  if (!init_ok) {
    const auto& failed = effects.operations.back().record;
    effects.unit_failure = "the container init stops (bash -e) and systemd-nspawn exits " +
                           std::to_string(failed.outcome.exit_status) + ": " + failure_text(failed);
    if (effects.private_network) model.remove_namespace(space);
    return false;
  }
  if (const auto* error = syntax_error_in(rendering, UnitScript::container_init)) {
    effects.unit_failure = "the container init stops and systemd-nspawn exits " + std::to_string(bash_syntax_error_status) +
                           ": " + unreadable(*error);
    if (effects.private_network) model.remove_namespace(space);
    return false;
  }
  if (!run_script(model, host_space, rendering.hostOps.postStart.value_or(std::vector<Argv>{}),
                  {OperationStage::post_start, false}, effects)) {
    effects.unit_failure = "ExecStartPost fails, so systemd stops the container: " + failure_text(effects.operations.back().record);
    if (effects.private_network) model.remove_namespace(space);
    return false;
  }
  if (const auto* error = syntax_error_in(rendering, UnitScript::post_start)) {
    effects.unit_failure = "ExecStartPost= (postStart) fails, so systemd stops the container: " + unreadable(*error);
    if (effects.private_network) model.remove_namespace(space);
    return false;
  }
  const NamespaceState settled = model.namespace_state(space);
  const auto target = forwarding_target(settled, AddressFamily::ipv4);
  const auto target6 = forwarding_target(settled, AddressFamily::ipv6);
  for (const auto& port : plan.ports) {
    effects.forwarded_ports.push_back({port.protocol, port.host_port, port.container_port, target, target6});
  }
  return true;
}

// --- describe ---------------------------------------------------------------------------

void describe_namespace(std::string& text, const NamespaceState& state, const std::string& indent) {
  text += indent + "links:\n";
  for (const auto& link : state.links) text += indent + "  " + describe(link) + "\n";
  text += indent + "addresses:\n";
  for (const auto& address : state.addresses) text += indent + "  " + describe(address) + "\n";
  text += indent + "routes (main table):\n";
  if (state.routes.empty()) text += indent + "  (none)\n";
  for (const auto& route : state.routes) text += indent + "  " + describe(route) + "\n";
}

std::string describe_outcome(const CommandOutcome& outcome) {
  if (outcome.ok()) return "ok";
  return "exit " + std::to_string(outcome.exit_status) + ": " + outcome.message;
}

// "tcp port 8080 to 10.233.0.2:80 and [fd24::2]:80"; "(no address)" when nspawn finds none.
std::string describe_forwarding(const ForwardedPort& port) {
  const std::string to_port = ":" + std::to_string(port.container_port);
  std::string targets;
  if (port.target) targets = port.target->to_string() + to_port;
  if (port.target6) targets += (targets.empty() ? "[" : " and [") + port.target6->to_string() + "]" + to_port;
  return port.protocol + " port " + std::to_string(port.host_port) + " to " + (targets.empty() ? "(no address)" : targets);
}

// "its own, uid_map 0 1824915456 65536 (pick: the machine name hashed ...)"; "the host's".
std::string describe_users(const ContainerUsers& users) {
  if (!users.own_namespace) return "the host's";
  return "its own, uid_map " + (users.uid_map ? to_string(*users.uid_map) : std::string("not predicted")) + " (" +
         users.basis + ")";
}

void describe_container(std::string& text, const std::string& name, const ContainerEffects& effects,
                        const NetworkState& running) {
  const std::string network = effects.joined_namespace ? " (joins the network namespace " + *effects.joined_namespace + ")"
                              : effects.private_network ? " (own network namespace)"
                                                        : " (shares the host's network)";
  text += "container " + name + network + "\n";
  if (effects.refusal) text += "  systemd-nspawn refuses: " + *effects.refusal + "\n";
  for (const auto& step : effects.nspawn_steps) {
    text += "  nspawn: " + step.action + ": " + describe_outcome(step.outcome) + (!step.fatal && !step.outcome.ok() ? " (a warning)" : "") + "\n";
  }
  for (const auto& operation : effects.operations) {
    text += "  [" + std::string(to_string(operation.record.stage)) + "] " + shell_words(operation.record.argv) + ": " +
            describe_outcome(operation.record.outcome);
    if (operation.failure_ignored && !operation.record.outcome.ok()) text += " (ignored: `|| true`)";
    if (!operation.modelled) text += " (not modelled)";
    text += "\n";
  }
  for (const auto& skipped : effects.not_reached) {
    text += "  [" + std::string(to_string(skipped.stage)) + "] " + shell_words(skipped.argv) + ": not reached\n";
  }
  if (!effects.nspawn_runs) {
    text += "  nspawn does not run\n";
  } else if (!effects.refusal) {
    text += "  nspawn runs: " + (effects.command_path.empty() ? std::string("(no command)") : effects.command_path) +
            " (" + std::string(to_string(effects.command)) + ")\n";
  }
  if (effects.machine) text += "  machine (uname -m in the container): " + *effects.machine + "\n";
  if (effects.users) text += "  user namespace: " + describe_users(*effects.users) + "\n";
  text += std::string("  init reaches stage 2: ") + (effects.init_reaches_stage_2 ? "yes" : "no") + "\n";
  if (effects.unit_failure) text += "  the unit fails: " + *effects.unit_failure + "\n";
  for (const auto& port : effects.forwarded_ports) text += "  forwards " + describe_forwarding(port) + "\n";
  if (const auto found = running.containers.find(name); found != running.containers.end()) {
    describe_namespace(text, found->second, "  ");
  }
}

// --- JSON -------------------------------------------------------------------------------

// Each object's members in the order nlohmann prints them (sorted by key), as the writer requires.

void write_outcome_members(JsonWriter& out, const CommandOutcome& outcome) {
  out.key("exitStatus");
  out.number(outcome.exit_status);
  write_member(out, "message", outcome.message);
}

void write_address_or_null(JsonWriter& out, const std::optional<IpAddress>& address) {
  if (address) {
    out.string(address->to_string());
  } else {
    out.null();
  }
}

void write_users(JsonWriter& out, const std::optional<ContainerUsers>& users) {
  if (!users) {
    out.null();
    return;
  }
  out.begin_object();
  write_member(out, "basis", users->basis);
  out.key("ownNamespace");
  out.boolean(users->own_namespace);
  out.key("uidMap");
  write_string_or_null(out, users->uid_map ? std::optional<std::string>(to_string(*users->uid_map)) : std::nullopt);
  out.end_object();
}

void write_nspawn_step(JsonWriter& out, const NspawnNetworkStep& step) {
  out.begin_object();
  write_member(out, "action", step.action);
  out.key("fatal");
  out.boolean(step.fatal);
  out.key("outcome");
  out.begin_object();
  write_outcome_members(out, step.outcome);
  out.end_object();
  out.end_object();
}

// An OperationRecord's members (observation.hpp) with what the model adds to them.
void write_operation(JsonWriter& out, const PredictedOperation& operation) {
  const OperationRecord& record = operation.record;
  out.begin_object();
  out.key("argv");
  write_strings(out, record.argv);
  out.key("exitStatus");
  out.number(record.outcome.exit_status);
  out.key("failureIgnored");
  out.boolean(operation.failure_ignored);
  write_member(out, "message", record.outcome.message);
  out.key("modelled");
  out.boolean(operation.modelled);
  write_member(out, "stage", to_string(record.stage));
  out.end_object();
}

void write_not_reached(JsonWriter& out, const OperationRecord& skipped) {
  out.begin_object();
  out.key("argv");
  write_strings(out, skipped.argv);
  write_member(out, "stage", to_string(skipped.stage));
  out.end_object();
}

void write_forwarded_port(JsonWriter& out, const ForwardedPort& port) {
  out.begin_object();
  out.key("containerPort");
  out.number(port.container_port);
  out.key("hostPort");
  out.number(port.host_port);
  write_member(out, "protocol", port.protocol);
  out.key("target");
  write_address_or_null(out, port.target);
  out.key("target6");
  write_address_or_null(out, port.target6);
  out.end_object();
}

void write_container(JsonWriter& out, const ContainerEffects& effects) {
  out.begin_object();
  write_member(out, "command", effects.command_path);
  write_member(out, "commandKind", to_string(effects.command));
  out.key("forwardedPorts");
  write_array(out, effects.forwarded_ports, write_forwarded_port);
  out.key("initReachesStage2");
  out.boolean(effects.init_reaches_stage_2);
  out.key("joinedNamespace");
  write_string_or_null(out, effects.joined_namespace);
  out.key("machine");
  write_string_or_null(out, effects.machine);
  out.key("notReached");
  write_array(out, effects.not_reached, write_not_reached);
  out.key("nspawnSteps");
  write_array(out, effects.nspawn_steps, write_nspawn_step);
  out.key("operations");
  write_array(out, effects.operations, write_operation);
  out.key("privateNetwork");
  out.boolean(effects.private_network);
  out.key("refusal");
  write_string_or_null(out, effects.refusal);
  out.key("unitFailure");
  write_string_or_null(out, effects.unit_failure);
  out.key("users");
  write_users(out, effects.users);
  out.end_object();
}

// A running container's stop: nspawn that exits by itself first moves the interfaces it moved
// in back to the host (move_back_network_interfaces(), v250 on); then the namespace goes.
void stop_container(KernelModel& model, const std::string& name, const ContainerPrediction& rendering,
                    const NspawnNetworkPlan& plan) {
  const NamespaceId space = NamespaceId::of_container(name);
  if (nspawn_exits_by_itself_at_stop(rendering.unit)) {
    for (const auto& interface : plan.moved_interfaces) {
      static_cast<void>(model.move_link({space, interface}, NamespaceId::host()));
    }
  }
  model.remove_namespace(space);
}

// The unit's KillSignal= as systemd loads it: the last assignment of a list counts; an absent
// or unreadable one leaves systemd's default, SIGTERM (systemd ignores what it cannot parse).
Signal kill_signal_of(const UnitSection& service) {
  const auto found = service.find("KillSignal");
  if (found == service.end()) return signals::terminate;
  std::optional<Signal> signal;
  if (const auto* text = std::get_if<std::string>(&found->second)) signal = parse_signal(*text);
  if (const auto* list = std::get_if<std::vector<std::string>>(&found->second); list && !list->empty()) {
    signal = parse_signal(list->back());
  }
  return signal.value_or(signals::terminate);
}

}  // namespace

std::string_view to_string(ContainerCommand command) {
  switch (command) {
    case ContainerCommand::container_init: return "the module's container init";
    case ContainerCommand::system_init: return "the container system's own init";
    case ContainerCommand::other_program: return "another program";
  }
  return "another program";
}

bool nspawn_exits_by_itself_at_stop(const UnitDefinition& unit) {
  return nspawn_signal_effect(kill_signal_of(unit.serviceConfig)) == NspawnSignalEffect::orderly_shutdown;
}

NetworkEffects predict_effects(const Prediction& prediction, const HostNetwork& host) {
  return predict_effects(prediction, read_nspawn_arguments(prediction), host);
}

NetworkEffects predict_effects(const Prediction& prediction, const NspawnArgumentsByContainer& arguments,
                               const HostNetwork& host) {
  NetworkEffects effects;
  KernelModel model(host.kernel);
  create_host_network(model, host);
  std::vector<std::string> running_containers;
  const auto readings = read_each_container(arguments, host);
  const auto contended_bases = contended_pick_bases(readings);
  for (const auto& [name, rendering] : prediction.containers) {
    ContainerEffects& container = effects.containers[name];
    const bool up = start_container(model, name, rendering, readings.at(name), prediction.revision,
                                    contended_bases, container);
    if (up && container.private_network) running_containers.push_back(name);
    for (const auto& step : container.nspawn_steps) {
      if (!step.fatal && !step.outcome.ok()) effects.notes.push_back("container " + name + ": nspawn warns: " + step.outcome.message);
    }
  }
  effects.running = model.state();
  auto reachability = predict_reachability(effects.running, host, effects.containers);
  effects.reachability = std::move(reachability.probes);
  effects.reachability_classes = std::move(reachability.classes);
  for (const auto& name : running_containers) {
    stop_container(model, name, prediction.containers.at(name), readings.at(name).plan);
  }
  effects.host_after_stop = model.namespace_state(NamespaceId::host());
  return effects;
}

std::vector<ReachabilityExpectation> expand_reachability(const NetworkEffects& effects, const HostNetwork& host) {
  return predict_reachability(effects.running, host, effects.containers, ProbeSelection::exhaustive).probes;
}

std::string describe(const NetworkEffects& effects) {
  std::string text = "host (network namespace once every container is up)\n";
  describe_namespace(text, effects.running.host, "  ");
  for (const auto& [name, container] : effects.containers) describe_container(text, name, container, effects.running);
  text += "reachability:\n";
  for (const auto& expectation : effects.reachability) {
    text += "  " + expectation.probe.describe() + ": " + (expectation.answers ? "answers" : "no answer") + " (" +
            expectation.why + ")\n";
  }
  for (const auto& group : effects.reachability_classes) {
    if (group.sampled < group.members) {
      text += "  from " + group.from.to_string() + ", " + group.description + ": " + std::to_string(group.sampled) +
              " of them probed above, the others alike\n";
    }
  }
  text += "host after every container stopped\n";
  describe_namespace(text, effects.host_after_stop, "  ");
  for (const auto& note : effects.notes) text += "note: " + note + "\n";
  return text;
}

namespace {

void write_reachability(JsonWriter& out, const ReachabilityExpectation& expectation) {
  out.begin_object();
  out.key("answers");
  out.boolean(expectation.answers);
  write_probe_members(out, expectation.probe);
  write_member(out, "why", expectation.why);
  out.end_object();
}

void write_class(JsonWriter& out, const ReachabilityClass& group) {
  out.begin_object();
  write_member(out, "container", group.container);
  write_member(out, "description", group.description);
  write_member(out, "from", group.from.to_string());
  write_member(out, "kind", group.kind == ReachabilityClass::Kind::peers ? "peers" : "forwardedPort");
  out.key("members");
  out.number(static_cast<std::int64_t>(group.members));
  out.key("sampled");
  out.number(static_cast<std::int64_t>(group.sampled));
  out.end_object();
}

}  // namespace

void write_effects(JsonWriter& out, const NetworkEffects& effects) {
  const auto write_namespace = [](JsonWriter& to, const NamespaceState& state) { write_json(to, state); };
  out.begin_object();
  out.key("containers");
  write_each(out, effects.containers, write_container);
  out.key("hostAfterStop");
  write_json(out, effects.host_after_stop);
  out.key("notes");
  write_strings(out, effects.notes);
  out.key("reachability");
  write_array(out, effects.reachability, write_reachability);
  out.key("reachabilityClasses");
  write_array(out, effects.reachability_classes, write_class);
  out.key("running");
  out.begin_object();
  out.key("containers");
  write_each(out, effects.running.containers, write_namespace);
  out.key("host");
  write_json(out, effects.running.host);
  out.end_object();
  out.end_object();
}

void to_json(nlohmann::json& json, const NetworkEffects& effects) {
  json = build_json([&](JsonWriter& out) { write_effects(out, effects); });
}

}  // namespace ctrlab::oracle
