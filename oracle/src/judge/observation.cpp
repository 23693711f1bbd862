#include "ctrlab/oracle/observation.hpp"

#include "ctrlab/oracle/json_writer.hpp"

#include <nlohmann/json.hpp>

#include "effects/enum_names.hpp"
#include "effects/record_reader.hpp"

namespace ctrlab::oracle {
namespace {

constexpr std::pair<Aspect, std::string_view> aspect_names[] = {
    {Aspect::argv, "argv"},         {Aspect::unit_properties, "unitProperties"}, {Aspect::operations, "operations"},
    {Aspect::links, "links"},       {Aspect::addresses, "addresses"},            {Aspect::routes, "routes"},
    {Aspect::reachability, "reachability"}, {Aspect::unit_history, "unitHistory"},
    {Aspect::filesystem, "filesystem"}, {Aspect::platform, "platform"}, {Aspect::users, "users"},
};
constexpr std::pair<OperationStage, std::string_view> stage_names[] = {
    {OperationStage::pre_start, "preStart"},
    {OperationStage::container_init, "containerInit"},
    {OperationStage::post_start, "postStart"},
};

NamespaceId namespace_from(const nlohmann::json& value, const std::string& path) {
  const auto text = record::require_string(value, path, "\"host\" or \"container NAME\"");
  if (text == "host") return NamespaceId::host();
  if (text.starts_with("container ") && text.size() > 10) return NamespaceId::of_container(text.substr(10));
  throw InputError(path, "\"host\" or \"container NAME\"", "got \"" + text + "\"");
}

OperationRecord operation_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  OperationRecord record;
  const auto stage_text = object.string("stage");
  const auto stage = parse_operation_stage(stage_text);
  if (!stage) throw InputError(object.path_of("stage"), "preStart, containerInit or postStart", "got \"" + stage_text + "\"");
  record.stage = *stage;
  record.argv = record::parse_argv(object.required("argv", "an array of strings"), object.path_of("argv"));
  record.outcome.exit_status = static_cast<int>(object.integer("exitStatus", 0, 0, 255));
  record.outcome.message = object.optional_string("message").value_or("");
  return record;
}

ReachabilityProbe probe_from_json(const record::ObjectReader& object) {
  ReachabilityProbe probe;
  probe.from = namespace_from(object.required("from", "\"host\" or \"container NAME\""), object.path_of("from"));
  probe.to = record::parse_address(object.required("to", "an address"), object.path_of("to"));
  if (object.find("port") != nullptr) probe.port = static_cast<std::uint16_t>(object.integer("port", 0, 1, 65535));
  probe.protocol = object.optional_string("protocol").value_or("icmp");
  if (probe.protocol != "icmp" && probe.protocol != "tcp" && probe.protocol != "udp") {
    throw InputError(object.path_of("protocol"), "icmp, tcp or udp", "got \"" + probe.protocol + "\"");
  }
  return probe;
}

FilesystemObservation filesystem_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  FilesystemObservation filesystem;
  if (const auto* mounts = object.find("mounts")) {
    const auto list_path = object.path_of("mounts");
    const auto& array = record::require_array(*mounts, list_path, "an array of mounts");
    filesystem.mounts.emplace();
    for (std::size_t i = 0; i < array.size(); ++i) {
      const record::ObjectReader mount(array[i], record::index_path(list_path, i));
      filesystem.mounts->push_back({mount.string("mountPoint"), mount.string("fstype"), mount.boolean("readOnly", false)});
    }
  }
  if (const auto* exists = object.find("rootExistsAfterStop")) {
    if (!exists->is_boolean()) throw InputError(object.path_of("rootExistsAfterStop"), "true or false", record::got(*exists));
    filesystem.root_exists_after_stop = exists->get<bool>();
  }
  return filesystem;
}

ObservedUsers users_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  ObservedUsers users;
  users.own_namespace = object.boolean("ownNamespace", false);
  if (const auto* lines = object.find("uidMap")) {
    const auto list_path = object.path_of("uidMap");
    const auto& array = record::require_array(*lines, list_path, "an array of uid_map lines");
    for (std::size_t i = 0; i < array.size(); ++i) {
      const auto line_path = record::index_path(list_path, i);
      const auto mapping = parse_id_mapping(record::require_string(array[i], line_path, "a uid_map line"));
      if (!mapping) throw InputError(line_path, "a uid_map line (\"INSIDE OUTSIDE COUNT\")", record::got(array[i]));
      users.uid_map.push_back(*mapping);
    }
  }
  return users;
}

ContainerObservation container_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  ContainerObservation container;
  if (const auto* argv = object.find("nspawnArgv")) container.nspawn_argv = record::parse_argv(*argv, object.path_of("nspawnArgv"));
  if (const auto* properties = object.find("unitProperties")) {
    const record::ObjectReader each(*properties, object.path_of("unitProperties"));
    container.unit_properties.emplace();
    for (const auto& [key, value] : properties->items()) {
      (*container.unit_properties)[key] = record::require_string(value, each.path_of(key), "a string");
    }
  }
  if (const auto* operations = object.find("operations")) {
    const auto list_path = object.path_of("operations");
    const auto& array = record::require_array(*operations, list_path, "an array of operations");
    container.operations.emplace();
    for (std::size_t i = 0; i < array.size(); ++i) {
      container.operations->push_back(operation_from_json(array[i], record::index_path(list_path, i)));
    }
  }
  if (const auto* history = object.find("unitHistory")) {
    container.unit_history = unit_history_from_json(*history, object.path_of("unitHistory"));
  }
  if (const auto* outcome = object.find("stopOutcome")) {
    container.stop_outcome = stop_outcome_from_json(*outcome, object.path_of("stopOutcome"));
  }
  if (const auto* filesystem = object.find("filesystem")) {
    container.filesystem = filesystem_from_json(*filesystem, object.path_of("filesystem"));
  }
  if (const auto* machine = object.find("machine")) container.machine = record::require_string(*machine, object.path_of("machine"), "a string");
  if (const auto* users = object.find("users")) container.users = users_from_json(*users, object.path_of("users"));
  return container;
}

}  // namespace

std::string_view to_string(Aspect aspect) { return enum_names::name_of(aspect_names, aspect); }
std::optional<Aspect> parse_aspect(std::string_view text) { return enum_names::value_of(aspect_names, text); }
std::string_view to_string(OperationStage stage) { return enum_names::name_of(stage_names, stage); }
std::optional<OperationStage> parse_operation_stage(std::string_view text) {
  return enum_names::value_of(stage_names, text);
}

std::string ReachabilityProbe::describe() const {
  std::string text = "from " + from.to_string() + " to " + to.to_string();
  if (port) text += " " + protocol + " port " + std::to_string(*port);
  return text;
}

void to_json(nlohmann::json& json, const OperationRecord& record) {
  json = {{"stage", to_string(record.stage)},
          {"argv", record.argv},
          {"exitStatus", record.outcome.exit_status},
          {"message", record.outcome.message}};
}

void to_json(nlohmann::json& json, const SandboxAdaptation& adaptation) {
  json = {{"aspect", to_string(adaptation.aspect)}, {"subject", adaptation.subject}, {"field", adaptation.field},
          {"what", adaptation.what},               {"why", adaptation.why}};
  json["predicted"] = adaptation.predicted ? nlohmann::json(*adaptation.predicted) : nlohmann::json(nullptr);
  json["observed"] = adaptation.observed ? nlohmann::json(*adaptation.observed) : nlohmann::json(nullptr);
}

void write_probe_members(JsonWriter& out, const ReachabilityProbe& probe) {
  write_member(out, "from", probe.from.to_string());
  if (probe.port) {
    out.key("port");
    out.number(*probe.port);
  }
  write_member(out, "protocol", probe.protocol);
  write_member(out, "to", probe.to.to_string());
}

void to_json(nlohmann::json& json, const ReachabilityProbe& probe) {
  json = build_json([&](JsonWriter& out) {
    out.begin_object();
    write_probe_members(out, probe);
    out.end_object();
  });
}

void to_json(nlohmann::json& json, const ReachabilityResult& result) {
  to_json(json, result.probe);
  json["answered"] = result.answered;
}

void write_json(JsonWriter& out, const UnitHistory& history) {
  out.begin_object();
  if (history.active_enter) {
    out.key("activeEnter");
    out.number(*history.active_enter);
  }
  out.key("changes");
  write_array(out, history.changes, [](JsonWriter& to, const UnitStateChange& change) {
    to.begin_object();
    write_member(to, "activeState", change.active_state);
    to.key("at");
    to.number(change.at);
    write_member(to, "subState", change.sub_state);
    to.end_object();
  });
  write_member(out, "execMainCode", history.exec_main_code);
  out.key("execMainStatus");
  out.number(history.exec_main_status);
  if (history.exits_may_race) {
    out.key("exitsMayRace");
    out.boolean(true);
  }
  if (history.inactive_exit) {
    out.key("inactiveExit");
    out.number(*history.inactive_exit);
  }
  out.key("nRestarts");
  out.number(history.n_restarts);
  write_member(out, "result", history.result);
  write_member(out, "unit", history.unit);
  out.end_object();
}

nlohmann::json unit_history_to_json(const UnitHistory& history) {
  return build_json([&](JsonWriter& out) { write_json(out, history); });
}

UnitHistory unit_history_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  UnitHistory history;
  history.unit = object.string("unit");
  history.result = object.optional_string("result").value_or("");
  history.n_restarts = static_cast<std::uint32_t>(object.integer("nRestarts", 0, 0, UINT32_MAX));
  history.exec_main_code = object.optional_string("execMainCode").value_or("");
  history.exec_main_status = static_cast<int>(object.integer("execMainStatus", 0, INT32_MIN, INT32_MAX));
  if (const auto* changes = object.find("changes")) {
    const auto list_path = object.path_of("changes");
    const auto& array = record::require_array(*changes, list_path, "an array of state changes");
    for (std::size_t i = 0; i < array.size(); ++i) {
      const record::ObjectReader change(array[i], record::index_path(list_path, i));
      history.changes.push_back(
          {change.integer("at", 0, INT64_MIN, INT64_MAX), change.string("activeState"), change.optional_string("subState").value_or("")});
    }
  }
  if (object.find("activeEnter") != nullptr) history.active_enter = object.integer("activeEnter", 0, INT64_MIN, INT64_MAX);
  if (object.find("inactiveExit") != nullptr) history.inactive_exit = object.integer("inactiveExit", 0, INT64_MIN, INT64_MAX);
  history.exits_may_race = object.boolean("exitsMayRace", false);
  return history;
}

void write_json(JsonWriter& out, const StopOutcome& outcome) {
  out.begin_object();
  write_member(out, "activeState", outcome.active_state);
  write_member(out, "execMainCode", outcome.exec_main_code);
  out.key("execMainStatus");
  out.number(outcome.exec_main_status);
  write_member(out, "result", outcome.result);
  if (outcome.shortened_wait) write_member(out, "shortenedWait", *outcome.shortened_wait);
  write_member(out, "subState", outcome.sub_state);
  out.end_object();
}

nlohmann::json stop_outcome_to_json(const StopOutcome& outcome) {
  return build_json([&](JsonWriter& out) { write_json(out, outcome); });
}

StopOutcome stop_outcome_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  StopOutcome outcome;
  outcome.active_state = object.string("activeState");
  outcome.sub_state = object.optional_string("subState").value_or("");
  outcome.result = object.optional_string("result").value_or("");
  outcome.exec_main_code = object.optional_string("execMainCode").value_or("");
  outcome.exec_main_status = static_cast<int>(object.integer("execMainStatus", 0, INT32_MIN, INT32_MAX));
  outcome.shortened_wait = object.optional_string("shortenedWait");
  return outcome;
}

void to_json(nlohmann::json& json, const FilesystemObservation& observation) {
  json = nlohmann::json::object();
  if (observation.mounts) json["mounts"] = nlohmann::json::array();
  for (const auto& mount : observation.mounts.value_or(std::vector<ObservedMount>{})) {
    json["mounts"].push_back({{"mountPoint", mount.mount_point}, {"fstype", mount.fstype}, {"readOnly", mount.read_only}});
  }
  if (observation.root_exists_after_stop) json["rootExistsAfterStop"] = *observation.root_exists_after_stop;
}

void to_json(nlohmann::json& json, const ContainerObservation& observation) {
  json = nlohmann::json::object();
  if (observation.nspawn_argv) json["nspawnArgv"] = *observation.nspawn_argv;
  if (observation.unit_properties) json["unitProperties"] = *observation.unit_properties;
  if (observation.operations) json["operations"] = *observation.operations;
  if (observation.unit_history) json["unitHistory"] = unit_history_to_json(*observation.unit_history);
  if (observation.stop_outcome) json["stopOutcome"] = stop_outcome_to_json(*observation.stop_outcome);
  if (observation.filesystem) json["filesystem"] = *observation.filesystem;
  if (observation.machine) json["machine"] = *observation.machine;
  if (observation.users) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& mapping : observation.users->uid_map) lines.push_back(to_string(mapping));
    json["users"] = {{"ownNamespace", observation.users->own_namespace}, {"uidMap", lines}};
  }
}

void to_json(nlohmann::json& json, const Observation& observation) {
  json = nlohmann::json::object();
  if (observation.network) json["network"] = *observation.network;
  if (observation.host_after_stop) json["hostAfterStop"] = *observation.host_after_stop;
  json["containers"] = nlohmann::json::object();
  for (const auto& [name, container] : observation.containers) json["containers"][name] = container;
  if (observation.reachability) json["reachability"] = *observation.reachability;
  json["adaptations"] = observation.adaptations;
}

SandboxAdaptation sandbox_adaptation_from_json(const nlohmann::json& json, const std::string& path) {
  const record::ObjectReader object(json, path);
  SandboxAdaptation adaptation;
  const auto aspect_text = object.string("aspect");
  const auto aspect = parse_aspect(aspect_text);
  if (!aspect) {
    std::string expected = "one of";
    for (const auto& [value, name] : aspect_names) expected += " " + std::string(name);
    throw InputError(object.path_of("aspect"), expected, "got \"" + aspect_text + "\"");
  }
  adaptation.aspect = *aspect;
  adaptation.subject = object.optional_string("subject").value_or("");
  adaptation.field = object.optional_string("field").value_or("");
  adaptation.predicted = object.optional_string("predicted");
  adaptation.observed = object.optional_string("observed");
  adaptation.what = object.string("what");
  adaptation.why = object.string("why");
  return adaptation;
}

Observation observation_from_json(const nlohmann::json& json) {
  const record::ObjectReader object(json, "");
  Observation observation;
  if (const auto* network = object.find("network")) observation.network = network_state_from_json(*network, "network");
  if (const auto* after = object.find("hostAfterStop")) observation.host_after_stop = namespace_state_from_json(*after, "hostAfterStop");
  if (const auto* containers = object.find("containers")) {
    const record::ObjectReader each(*containers, "containers");
    for (const auto& [name, container] : containers->items()) {
      observation.containers.emplace(name, container_from_json(container, each.path_of(name)));
    }
  }
  if (const auto* reachability = object.find("reachability")) {
    const auto& array = record::require_array(*reachability, "reachability", "an array of probe results");
    observation.reachability.emplace();
    for (std::size_t i = 0; i < array.size(); ++i) {
      const record::ObjectReader entry(array[i], record::index_path("reachability", i));
      observation.reachability->push_back({probe_from_json(entry), entry.boolean("answered", false)});
    }
  }
  if (const auto* adaptations = object.find("adaptations")) {
    const auto& array = record::require_array(*adaptations, "adaptations", "an array of adaptations");
    for (std::size_t i = 0; i < array.size(); ++i) {
      observation.adaptations.push_back(sandbox_adaptation_from_json(array[i], record::index_path("adaptations", i)));
    }
  }
  return observation;
}

}  // namespace ctrlab::oracle
