#include "ctrlab/runner/unit_scripts.hpp"

#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ctrlab::runner::unit_scripts {
std::optional<oracle::OperationStage> stage_of(Script script) {
  switch (script) {
    case Script::pre_start: return oracle::OperationStage::pre_start;
    case Script::post_start: return oracle::OperationStage::post_start;
    case Script::container_init: return oracle::OperationStage::container_init;
    case Script::start: return std::nullopt;
  }
  return std::nullopt;
}

std::filesystem::path command_file(std::string_view unit, Script script) {
  return std::filesystem::path(directory_inside) / unit / (std::string(to_string(script)) + ".json");
}

std::filesystem::path log_file(std::string_view unit) {
  return std::filesystem::path(directory_inside) / unit / "log.jsonl";
}

nlohmann::json to_json(const CommandList& list) {
  nlohmann::json json = {{"script", to_string(list.script)}, {"ignoreFailures", list.ignore_failures}, {"commands", list.commands}};
  if (list.syntax_error) json["syntaxError"] = *list.syntax_error;
  return json;
}

CommandList command_list_from_json(const nlohmann::json& json) {
  try {
    CommandList list;
    const auto script = oracle::parse_unit_script(json.at("script").get<std::string>());
    if (!script) throw std::runtime_error("script: expected preStart, start or postStart");
    list.script = *script;
    list.ignore_failures = json.at("ignoreFailures").get<bool>();
    list.commands = json.at("commands").get<std::vector<oracle::Argv>>();
    if (json.contains("syntaxError")) list.syntax_error = json.at("syntaxError").get<std::string>();
    return list;
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("command file: ") + error.what());
  }
}

std::string log_line(const LogEntry& entry) {
  return nlohmann::json{{"invocation", entry.invocation},
                        {"script", to_string(entry.script)},
                        {"argv", entry.argv},
                        {"exitStatus", entry.outcome.exit_status},
                        {"message", entry.outcome.message}}
             .dump() +
         "\n";
}

std::vector<LogEntry> parse_log(const std::string& text) {
  std::vector<LogEntry> entries;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded()) continue;
    try {
      const auto script = oracle::parse_unit_script(json.at("script").get<std::string>());
      if (!script) continue;
      entries.push_back({json.at("invocation").get<std::string>(), *script, json.at("argv").get<oracle::Argv>(),
                         {json.at("exitStatus").get<int>(), json.at("message").get<std::string>()}});
    } catch (const nlohmann::json::exception&) {
      continue;
    }
  }
  return entries;
}

}  // namespace ctrlab::runner::unit_scripts
