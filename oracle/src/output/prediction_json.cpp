// Prediction -> JSON with the ground truth's keys (tests/data/groundtruth/README.md).
#include <nlohmann/json.hpp>

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

json ops_json(const std::optional<std::vector<Argv>>& ops) { return ops ? json(*ops) : json(nullptr); }

json container_json(const ContainerPrediction& container) {
  json out = json::object();
  out["unitName"] = container.unitName;
  out["envFile"] = container.envFile ? json{{"path", container.envFile->path}, {"text", container.envFile->text}}
                                     : json(nullptr);
  out["unit"] = unit_json(container.unit);
  // null where the start script stops before its `exec` (nothing was handed to nspawn)
  out["nspawnArgv"] = container.nspawnArgv.empty() ? json(nullptr) : json(container.nspawnArgv);
  out["hostOps"] = {{"preStart", ops_json(container.hostOps.preStart)},
                    {"start", ops_json(container.hostOps.start)},
                    {"postStart", ops_json(container.hostOps.postStart)}};
  out["containerOps"] = ops_json(container.containerOps);
  out["failedContainerAssertions"] = container.failedContainerAssertions;
  if (!container.syntaxErrors.empty()) {
    json errors = json::array();
    for (const auto& error : container.syntaxErrors) {
      errors.push_back({{"script", to_string(error.script)}, {"optionPath", error.optionPath}, {"message", error.message}});
    }
    out["syntaxErrors"] = std::move(errors);
  }
  return out;
}

json note_json(const RenderNote& note) {
  return {{"path", note.path}, {"message", note.message}, {"severity", note.warning ? "warning" : "note"}};
}

}  // namespace

json to_json(const Prediction& prediction) {
  json out = json::object();
  out["revision"] = std::string(to_string(prediction.revision));
  out["failedAssertions"] = prediction.failedAssertions;
  out["warnings"] = prediction.warnings;
  json notes = json::array();
  for (const auto& note : prediction.notes) notes.push_back(note_json(note));
  json containers = json::object();
  json pre_stop = json::object();
  for (const auto& [name, container] : prediction.containers) {
    containers[name] = container_json(container);
    for (const auto& note : container.notes) notes.push_back(note_json(note));
    if (container.hostOps.preStop) pre_stop[name] = *container.hostOps.preStop;
  }
  out["containers"] = std::move(containers);
  out["notes"] = std::move(notes);
  out["preStop"] = std::move(pre_stop);
  if (prediction.error) {
    out["error"] = {{"message", prediction.error->message}};
    out["errorOptionPath"] = prediction.error->optionPath;
    out["hosts"] = nullptr;
    out["etcFiles"] = nullptr;
    out["serviceNames"] = nullptr;
    out["templateUnit"] = nullptr;
    return out;
  }
  out["error"] = nullptr;
  out["hosts"] = prediction.hosts;
  out["etcFiles"] = prediction.etcFiles;
  out["serviceNames"] = prediction.serviceNames;
  out["templateUnit"] = prediction.templateUnit ? unit_json(*prediction.templateUnit) : json(nullptr);
  return out;
}

}  // namespace ctrlab::oracle
