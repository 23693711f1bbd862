// Prediction -> JSON with the ground truth's keys (tests/data/groundtruth/README.md).
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/predict.hpp"

namespace ctrlab::oracle {
namespace {

using nlohmann::json;

json unit_value(const UnitValue& value) {
  return std::visit([](const auto& v) { return json(v); }, value);
}

json section(const UnitSection& values) {
  json out = json::object();
  for (const auto& [key, value] : values) out[key] = unit_value(value);
  return out;
}

template <class T>
void put_optional(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

json unit_json(const UnitDefinition& unit) {
  json out = json::object();
  out["description"] = unit.description;
  out["serviceConfig"] = section(unit.serviceConfig);
  out["unitConfig"] = section(unit.unitConfig);
  put_optional(out, "environment", unit.environment);
  put_optional(out, "path", unit.path);
  put_optional(out, "enableStrictShellChecks", unit.enableStrictShellChecks);
  put_optional(out, "wantedBy", unit.wantedBy);
  put_optional(out, "wants", unit.wants);
  put_optional(out, "after", unit.after);
  put_optional(out, "restartTriggers", unit.restartTriggers);
  put_optional(out, "restartIfChanged", unit.restartIfChanged);
  put_optional(out, "reloadIfChanged", unit.reloadIfChanged);
  return out;
}

// A script's commands, each an argv; null where the script does not exist.
void write_ops(JsonWriter& out, const std::optional<std::vector<Argv>>& ops) {
  if (!ops) {
    out.value(nullptr);
    return;
  }
  out.begin_array();
  for (const auto& argv : *ops) write_strings(out, argv);
  out.end_array();
}

json syntax_errors_json(const std::vector<ScriptSyntaxError>& errors) {
  json out = json::array();
  for (const auto& error : errors) {
    out.push_back({{"script", to_string(error.script)}, {"optionPath", error.optionPath}, {"message", error.message}});
  }
  return out;
}

// One container's rendering, a member at a time (the argv lists are most of a prediction).
void write_container(JsonWriter& out, const ContainerPrediction& container) {
  JsonMembers members;
  members["unitName"] = [&](JsonWriter& to) { to.string(container.unitName); };
  members["envFile"] = [&](JsonWriter& to) {
    to.value(container.envFile ? json{{"path", container.envFile->path}, {"text", container.envFile->text}} : json(nullptr));
  };
  members["unit"] = [&](JsonWriter& to) { to.value(unit_json(container.unit)); };
  // null where the start script stops before its `exec` (nothing was handed to nspawn)
  members["nspawnArgv"] = [&](JsonWriter& to) {
    if (container.nspawnArgv.empty()) to.value(nullptr);
    else write_strings(to, container.nspawnArgv);
  };
  members["hostOps"] = [&](JsonWriter& to) {
    write_object(to, {{"preStart", [&](JsonWriter& in) { write_ops(in, container.hostOps.preStart); }},
                      {"start", [&](JsonWriter& in) { write_ops(in, container.hostOps.start); }},
                      {"postStart", [&](JsonWriter& in) { write_ops(in, container.hostOps.postStart); }}});
  };
  members["containerOps"] = [&](JsonWriter& to) { write_ops(to, container.containerOps); };
  members["failedContainerAssertions"] = [&](JsonWriter& to) { write_strings(to, container.failedContainerAssertions); };
  if (!container.syntaxErrors.empty()) {
    members["syntaxErrors"] = [&](JsonWriter& to) { to.value(syntax_errors_json(container.syntaxErrors)); };
  }
  write_object(out, members);
}

json note_json(const RenderNote& note) {
  return {{"path", note.path}, {"message", note.message}, {"severity", note.warning ? "warning" : "note"}};
}

void write_notes(JsonWriter& out, const Prediction& prediction, const std::vector<std::string>& more_notes) {
  out.begin_array();
  for (const auto& note : prediction.notes) out.value(note_json(note));
  for (const auto& [name, container] : prediction.containers) {
    for (const auto& note : container.notes) out.value(note_json(note));
  }
  for (const auto& note : more_notes) out.value(note);
  out.end_array();
}

void write_pre_stop(JsonWriter& out, const Prediction& prediction) {
  out.begin_object();
  for (const auto& [name, container] : prediction.containers) {
    if (!container.hostOps.preStop) continue;
    out.key(name);
    out.value(*container.hostOps.preStop);
  }
  out.end_object();
}

// A member whose value is known now.
std::function<void(JsonWriter&)> just(json value) {
  return [value = std::move(value)](JsonWriter& out) { out.value(value); };
}

}  // namespace

JsonMembers prediction_members(const Prediction& prediction, const std::vector<std::string>& more_notes) {
  JsonMembers members;
  members["revision"] = just(std::string(to_string(prediction.revision)));
  members["failedAssertions"] = just(prediction.failedAssertions);
  members["warnings"] = just(prediction.warnings);
  members["containers"] = [&](JsonWriter& out) {
    out.begin_object();
    for (const auto& [name, container] : prediction.containers) {
      out.key(name);
      write_container(out, container);
    }
    out.end_object();
  };
  members["notes"] = [&](JsonWriter& out) { write_notes(out, prediction, more_notes); };
  members["preStop"] = [&](JsonWriter& out) { write_pre_stop(out, prediction); };
  if (prediction.error) {
    members["error"] = just({{"message", prediction.error->message}});
    members["errorOptionPath"] = just(prediction.error->optionPath);
    for (const char* key : {"hosts", "etcFiles", "serviceNames", "templateUnit"}) members[key] = just(nullptr);
    return members;
  }
  members["error"] = just(nullptr);
  members["hosts"] = just(prediction.hosts);
  members["etcFiles"] = just(prediction.etcFiles);
  members["serviceNames"] = just(prediction.serviceNames);
  members["templateUnit"] = just(prediction.templateUnit ? unit_json(*prediction.templateUnit) : json(nullptr));
  return members;
}

json to_json(const Prediction& prediction) {
  const std::vector<std::string> no_more_notes;
  return build_json([&](JsonWriter& out) { write_object(out, prediction_members(prediction, no_more_notes)); });
}

}  // namespace ctrlab::oracle
