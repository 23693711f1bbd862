#include <algorithm>
#include <regex>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/compare.hpp"

// Changes as a person reads them. A prediction document says some things twice: the nspawn
// argv is also a command of hostOps.start, and its last word the effects' command; the template
// unit is what each container's unit says with %i; an env file is also in etcFiles. Those
// echoes are dropped where the change they echo is shown, and every change is named by what
// it is rather than by its JSON path.
namespace ctrlab::oracle {
namespace {

using nlohmann::json;

// How a change is named: the first pattern its path matches, and the name built from it.
struct Naming {
  std::regex pattern;
  std::string name;  // std::regex_replace format
};

const std::vector<Naming>& namings() {
  static const std::vector<Naming> table = [] {
    const std::vector<std::pair<const char*, const char*>> rows = {
        {R"(^containers\.([^.\[]+)\.nspawnArgv\[\d+\]$)", "$1: nspawn argv"},
        {R"(^containers\.([^.\[]+)\.envFile\.text line \d+$)", "$1: env file line"},
        {R"(^containers\.([^.\[]+)\.envFile\.path$)", "$1: env file path"},
        {R"(^containers\.([^.\[]+)\.unit\.serviceConfig\.(.+)$)", "$1: unit [Service] $2"},
        {R"(^containers\.([^.\[]+)\.unit\.unitConfig\.(.+)$)", "$1: unit [Unit] $2"},
        {R"(^containers\.([^.\[]+)\.unit\.(.+)$)", "$1: unit $2"},
        {R"(^containers\.([^.\[]+)\.hostOps\.(\w+)\[\d+\].*$)", "$1: host $2 command"},
        {R"(^containers\.([^.\[]+)\.containerOps\[\d+\].*$)", "$1: container command"},
        {R"(^containers\.([^.\[]+)\.(.+)$)", "$1: $2"},
        {R"(^templateUnit\.serviceConfig\.(.+)$)", "template unit [Service] $1"},
        {R"(^templateUnit\.unitConfig\.(.+)$)", "template unit [Unit] $1"},
        {R"(^templateUnit\.(.+)$)", "template unit $1"},
        {R"(^etcFiles\[(.+)\] line \d+$)", "file $1 line"},
        {R"(^etcFiles\[(.+)\]$)", "file $1"},
        {R"(^effects\.containers\.([^.\[]+)\.(.+)$)", "$1: effects $2"},
        {R"(^filesystem\.([^.\[]+)\.(.+)$)", "$1: file system $2"},
        {R"(^unitHistories\.([^.\[]+)\.(.+)$)", "$1: unit history $2"},
        {R"(^preStop\.([^.\[]+)$)", "$1: preStop commands"},
    };
    std::vector<Naming> built;
    for (const auto& [pattern, name] : rows) built.push_back({std::regex(pattern), name});
    return built;
  }();
  return table;
}

std::string name_of(const std::string& path) {
  for (const auto& naming : namings()) {
    if (std::regex_match(path, naming.pattern)) return std::regex_replace(path, naming.pattern, naming.name);
  }
  return path;
}

std::string program_of(const json& command) {
  if (!command.is_array() || command.empty() || !command[0].is_string()) return {};
  const auto word = command[0].get<std::string>();
  return word.substr(word.rfind('/') + 1);
}

// hostOps.PHASE[K] in a document, if it is there.
const json* host_command(const json& document, const std::string& container, const std::string& phase, std::size_t index) {
  const auto pointer = json::json_pointer("/containers") / container / "hostOps" / phase / index;
  return document.contains(pointer) ? &document.at(pointer) : nullptr;
}

const std::regex& host_op_path() {
  static const std::regex pattern(R"(^containers\.([^.\[]+)\.hostOps\.(\w+)\[(\d+)\].*$)");
  return pattern;
}

// What the documents say twice, recognised by its path: the argv within hostOps, the env file
// in etcFiles; and where it echoes, the container whose change it echoes.
class Echoes {
 public:
  Echoes(const json& before, const json& after) : before_(before), after_(after) {
    for (const auto* document : {&before, &after}) {
      const auto containers = document->value("containers", json::object());
      for (const auto& [name, container] : containers.items()) {
        if (container.contains("envFile")) env_files_.insert(container["envFile"].value("path", ""));
      }
    }
  }

  // A change of an element of hostOps.PHASE that is, on its side, the container's nspawn argv.
  [[nodiscard]] bool is_argv_in_host_ops(const Change& change) const {
    std::smatch match;
    if (!std::regex_match(change.path, match, host_op_path())) return false;
    const auto index = std::stoul(match[3].str());
    for (const auto* document : {&before_, &after_}) {
      const auto* command = host_command(*document, match[1].str(), match[2].str(), index);
      const auto argv = json::json_pointer("/containers") / match[1].str() / "nspawnArgv";
      if (command != nullptr && document->contains(argv) && *command == document->at(argv)) return true;
    }
    return false;
  }

  [[nodiscard]] bool is_env_file_in_etc_files(const Change& change) const {
    static const std::regex etc_file(R"(^etcFiles\[("[^"]*")\].*$)");
    std::smatch match;
    return std::regex_match(change.path, match, etc_file) && env_files_.contains(json::parse(match[1].str()).get<std::string>());
  }

  [[nodiscard]] static bool echoes_by_value(const std::string& path) {
    return path.starts_with("templateUnit.") || path.starts_with("effects.containers.");
  }

 private:
  const json& before_;
  const json& after_;
  std::set<std::string> env_files_;
};

// A value over several lines (a whole file) starts on its own line, indented.
std::string shown(const std::string& value) {
  if (value.find('\n') == std::string::npos) return value;
  std::string out = "\n    ";
  for (const char c : value) out += c == '\n' ? std::string("\n    ") : std::string(1, c);
  return out;
}

std::string sentence(const Change& change, const std::string& name) {
  const bool env_line = name.ends_with("env file line") || name.ends_with(" line");
  switch (change.kind) {
    case ChangeKind::added: return env_line ? name + " " + change.after + " added" : name + ": added " + shown(change.after);
    case ChangeKind::removed:
      return env_line ? name + " " + change.before + " removed" : name + ": removed " + shown(change.before);
    case ChangeKind::changed: break;
  }
  return name + ": " + shown(change.before) + " → " + shown(change.after);
}

}  // namespace

std::vector<std::string> readable_changes(const json& before, const json& after) {
  const auto changes = compare_documents(before, after);
  const Echoes echoes(before, after);
  std::vector<bool> shown(changes.size(), false);
  std::set<std::tuple<ChangeKind, std::string, std::string>> said;  // what the shown changes say
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    if (Echoes::echoes_by_value(change.path) || echoes.is_argv_in_host_ops(change) || echoes.is_env_file_in_etc_files(change)) {
      continue;
    }
    shown[i] = true;
    said.emplace(change.kind, change.before, change.after);
  }
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& change = changes[i];
    // The template unit and the effects are shown where they say what no container's unit or
    // argv said already.
    if (!shown[i] && !(Echoes::echoes_by_value(change.path) && !said.contains({change.kind, change.before, change.after}))) {
      continue;
    }
    auto name = name_of(change.path);
    std::smatch match;
    if (std::regex_match(change.path, match, host_op_path())) {
      const auto* command = host_command(change.kind == ChangeKind::removed ? before : after, match[1].str(),
                                         match[2].str(), std::stoul(match[3].str()));
      if (command != nullptr && !program_of(*command).empty()) name += " " + program_of(*command);
    }
    lines.push_back(sentence(change, name));
  }
  return lines;
}

}  // namespace ctrlab::oracle
