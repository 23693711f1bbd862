#include "ctrlab/runner/operation_log.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace ctrlab::runner::operation_log {

std::filesystem::path file_for(const std::filesystem::path& directory, const std::string& unit) {
  return directory / (unit + ".jsonl");
}

std::string to_line(const Entry& entry) {
  return nlohmann::json{{"invocation", entry.invocation},
                        {"argv", entry.argv},
                        {"exitStatus", entry.outcome.exit_status},
                        {"message", entry.outcome.message}}
             .dump() +
         "\n";
}

std::vector<Entry> read(const std::filesystem::path& file) {
  std::vector<Entry> entries;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded()) continue;
    try {
      entries.push_back({json.at("invocation").get<std::string>(), json.at("argv").get<oracle::Argv>(),
                         {json.at("exitStatus").get<int>(), json.at("message").get<std::string>()}});
    } catch (const nlohmann::json::exception&) {
      continue;
    }
  }
  return entries;
}

}  // namespace ctrlab::runner::operation_log
