#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "scenario/json_node.hpp"
#include "scenario/parsers.hpp"

namespace ctrlab::oracle {

namespace {

using scenario::JsonNode;

std::vector<Revision> parse_revisions(const JsonNode& node) {
  constexpr std::string_view expected = R"(a non-empty list of "2014", "2018", "2021", "2022")";
  std::vector<Revision> revisions;
  node.for_each_element(expected, [&](const JsonNode& element) {
    const auto revision = parse_revision(element.as_string(expected));
    if (!revision) element.fail(expected, "got " + scenario::describe(element.value()));
    if (std::find(revisions.begin(), revisions.end(), *revision) != revisions.end()) {
      element.fail(expected, "revision " + element.value().get<std::string>() + " is listed twice");
    }
    revisions.push_back(*revision);
  });
  if (revisions.empty()) node.fail(expected, "the list is empty");
  return revisions;
}

void parse_containers(const JsonNode& node, const ParseOptions& options, Scenario& scenario) {
  node.for_each_member("an object: container name -> options", [&](const std::string& name, const JsonNode& member) {
    ContainerName container_name{name};
    scenario.containers.emplace(container_name,
                                scenario::parse_container(container_name, member, options, scenario.notes));
  });
}

void parse_probes(const JsonNode& node, Scenario& scenario) {
  node.for_each_member("an object: container name -> { \"boots\": [...] }",
                       [&](const std::string& name, const JsonNode& member) {
                         ContainerName container_name{name};
                         if (!scenario.containers.contains(container_name)) {
                           member.fail("the name of a container in `containers`",
                                       "there is no container \"" + name + "\"");
                         }
                         scenario.probes.emplace(container_name, scenario::parse_probe_script(member));
                       });
}

// Each top-level key and how to read it. `containers` comes before `probe`, which refers to it.
struct TopLevelKey {
  std::string_view name;
  void (*read)(const JsonNode&, const ParseOptions&, Scenario&);
};

const std::vector<TopLevelKey>& top_level_keys() {
  static const std::vector<TopLevelKey> keys = {
      {"description",
       [](const JsonNode& node, const ParseOptions&, Scenario& s) { s.description = node.as_string(); }},
      {"revisions", [](const JsonNode& node, const ParseOptions&, Scenario& s) { s.revisions = parse_revisions(node); }},
      {"host", [](const JsonNode& node, const ParseOptions&, Scenario& s) { s.host = scenario::parse_host(node); }},
      {"containers",
       [](const JsonNode& node, const ParseOptions& options, Scenario& s) { parse_containers(node, options, s); }},
      {"probe", [](const JsonNode& node, const ParseOptions&, Scenario& s) { parse_probes(node, s); }},
  };
  return keys;
}

// nlohmann keeps the last of duplicate keys silently; a scenario must not lose a container
// that way. Tracks the JSON path while parsing and rejects the second definition of a key.
class DuplicateKeyGuard {
 public:
  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (!frames_.empty() && frames_.back().is_array &&
        (event == Event::object_start || event == Event::array_start || event == Event::value)) {
      ++frames_.back().index;
    }
    switch (event) {
      case Event::object_start: frames_.push_back({false, 0, {}, {}}); break;
      case Event::array_start: frames_.push_back({true, 0, {}, {}}); break;
      case Event::object_end:
      case Event::array_end: frames_.pop_back(); break;
      case Event::key: {
        auto& frame = frames_.back();
        const auto key = parsed.get<std::string>();
        if (std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end()) {
          throw ScenarioError(scenario::child_path(path(frames_.size() - 1), key), "each key at most once per object",
                              "duplicate key \"" + key + "\"");
        }
        frame.keys.push_back(key);
        frame.key = key;
        break;
      }
      case Event::value: break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    std::size_t index;  // 1 + the index of the current element, for arrays
    std::string key;    // the current key, for objects
    std::vector<std::string> keys;
  };

  [[nodiscard]] std::string path(std::size_t depth) const {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) {
      const auto& parent = frames_[i];
      out = parent.is_array ? scenario::element_path(out, parent.index - 1) : scenario::child_path(out, parent.key);
    }
    return out;
  }

  std::vector<Frame> frames_;
};

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

Scenario parse_scenario(const nlohmann::json& document, const ParseOptions& options) {
  const JsonNode root(document, "");
  if (!document.is_object()) root.fail_type("a JSON object with \"containers\"");
  std::vector<std::string_view> names;
  for (const auto& key : top_level_keys()) names.push_back(key.name);
  for (const auto& [key, member] : document.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      scenario::fail_unknown_key(JsonNode(member, scenario::child_path("", key)), key, names, "top-level keys");
    }
  }
  if (!document.contains("containers")) {
    root.fail("a JSON object with \"containers\"", "there is no \"containers\" object");
  }
  Scenario scenario;
  for (const auto& key : top_level_keys()) {
    const auto found = document.find(key.name);
    if (found != document.end()) key.read(JsonNode(*found, std::string(key.name)), options, scenario);
  }
  return scenario;
}

Scenario parse_scenario_file(std::string_view text, const ParseOptions& options) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text, DuplicateKeyGuard{});
  } catch (const nlohmann::json::parse_error& error) {
    const auto [line, column] = line_and_column(text, error.byte);
    std::string detail = error.what();
    const auto colon = detail.rfind(": ");
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    throw ScenarioError("", "a JSON document",
                        "malformed JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
                            ": " + detail);
  }
  return parse_scenario(document, options);
}

}  // namespace ctrlab::oracle
