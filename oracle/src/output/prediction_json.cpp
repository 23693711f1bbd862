// Prediction -> JSON with the ground truth's keys (tests/data/groundtruth/README.md).
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/predict.hpp"

namespace ctrlab::oracle {
namespace {

using nlohmann::json;

// A script's commands, each an argv; null where the script does not exist.
void write_ops(JsonWriter& out, const std::optional<std::vector<Argv>>& ops) {
  if (!ops) {
    out.null();
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

void write_unit_value(JsonWriter& out, const UnitValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) {
    out.boolean(*flag);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    out.string(*text);
  } else {
    write_strings(out, std::get<std::vector<std::string>>(value));
  }
}

template <class T, class Write>
void write_optional(JsonWriter& out, std::string_view key, const std::optional<T>& value, Write write) {
  if (!value) return;
  out.key(key);
  write(out, *value);
}

void write_flag(JsonWriter& out, bool flag) { out.boolean(flag); }
void write_text(JsonWriter& out, const std::string& text) { out.string(text); }

// The unit's members in key order, as the writer requires.
void write_unit(JsonWriter& out, const UnitDefinition& unit) {
  out.begin_object();
  write_optional(out, "after", unit.after, write_strings);
  write_member(out, "description", unit.description);
  write_optional(out, "enableStrictShellChecks", unit.enableStrictShellChecks, write_flag);
  write_optional(out, "environment", unit.environment, [](JsonWriter& to, const auto& environment) {
    write_each(to, environment, write_text);
  });
  write_optional(out, "path", unit.path, write_strings);
  write_optional(out, "reloadIfChanged", unit.reloadIfChanged, write_flag);
  write_optional(out, "restartIfChanged", unit.restartIfChanged, write_flag);
  write_optional(out, "restartTriggers", unit.restartTriggers, write_strings);
  out.key("serviceConfig");
  write_each(out, unit.serviceConfig, write_unit_value);
  out.key("unitConfig");
  write_each(out, unit.unitConfig, write_unit_value);
  write_optional(out, "wantedBy", unit.wantedBy, write_strings);
  write_optional(out, "wants", unit.wants, write_strings);
  out.end_object();
}

// One container's rendering, its members in key order (the argv lists are most of a prediction).
void write_container(JsonWriter& out, const ContainerPrediction& container) {
  out.begin_object();
  out.key("containerOps");
  write_ops(out, container.containerOps);
  out.key("envFile");
  if (container.envFile) {
    out.begin_object();
    write_member(out, "path", container.envFile->path);
    write_member(out, "text", container.envFile->text);
    out.end_object();
  } else {
    out.null();
  }
  out.key("failedContainerAssertions");
  write_strings(out, container.failedContainerAssertions);
  out.key("hostOps");
  out.begin_object();
  out.key("postStart");
  write_ops(out, container.hostOps.postStart);
  out.key("preStart");
  write_ops(out, container.hostOps.preStart);
  out.key("start");
  write_ops(out, container.hostOps.start);
  out.end_object();
  // null where the start script stops before its `exec` (nothing was handed to nspawn)
  out.key("nspawnArgv");
  if (container.nspawnArgv.empty()) {
    out.null();
  } else {
    write_strings(out, container.nspawnArgv);
  }
  if (!container.syntaxErrors.empty()) {
    out.key("syntaxErrors");
    out.value(syntax_errors_json(container.syntaxErrors));
  }
  out.key("unit");
  write_unit(out, container.unit);
  write_member(out, "unitName", container.unitName);
  out.end_object();
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
  members["failedAssertions"] = [&](JsonWriter& out) { write_strings(out, prediction.failedAssertions); };
  members["warnings"] = [&](JsonWriter& out) { write_strings(out, prediction.warnings); };
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
  // Written as they come rather than made JSON values first: with many containers the etc
  // files and service names are long lists.
  members["hosts"] = [&](JsonWriter& out) { out.string(prediction.hosts); };
  members["etcFiles"] = [&](JsonWriter& out) { write_each(out, prediction.etcFiles, write_text); };
  members["serviceNames"] = [&](JsonWriter& out) { write_strings(out, prediction.serviceNames); };
  members["templateUnit"] = [&](JsonWriter& out) {
    if (prediction.templateUnit) {
      write_unit(out, *prediction.templateUnit);
    } else {
      out.null();
    }
  };
  return members;
}

json to_json(const Prediction& prediction) {
  const std::vector<std::string> no_more_notes;
  return build_json([&](JsonWriter& out) { write_object(out, prediction_members(prediction, no_more_notes)); });
}

}  // namespace ctrlab::oracle
