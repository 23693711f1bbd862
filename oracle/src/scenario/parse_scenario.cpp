#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "scenario/checked_json.hpp"
#include "scenario/container_name.hpp"
#include "scenario/json_node.hpp"
#include "scenario/parsers.hpp"
#include "scenario/scenario_size.hpp"

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
    if (const auto problem = scenario::container_name_problem(name)) {
      member.fail(scenario::container_name_form, *problem);
    }
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

ContainerProfile parse_profile(const JsonNode& node) {
  constexpr std::string_view expected_system = "a Nix system name such as \"i686-linux\"";
  ContainerProfile profile;
  node.for_each_member("an object: { \"system\": \"i686-linux\" }", [&](const std::string& key, const JsonNode& member) {
    if (key != "system") scenario::fail_unknown_key(member, key, {"system"}, "profile keys");
    profile.system = member.as_string(expected_system);
    if (profile.system.empty()) member.fail(expected_system, "got an empty string");
  });
  if (profile.system.empty()) node.fail("an object: { \"system\": \"i686-linux\" }", "there is no \"system\"");
  return profile;
}

void parse_profiles(const JsonNode& node, Scenario& scenario) {
  node.for_each_member("an object: container name -> { \"system\": ... }", [&](const std::string& name, const JsonNode& member) {
    ContainerName container_name{name};
    if (!scenario.containers.contains(container_name)) {
      member.fail("the name of a container in `containers`", "there is no container \"" + name + "\"");
    }
    scenario.profiles.emplace(container_name, parse_profile(member));
  });
}

// Each top-level key and how to read it. `containers` comes before `probe` and `profiles`,
// which refer to it.
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
      {"profiles", [](const JsonNode& node, const ParseOptions&, Scenario& s) { parse_profiles(node, s); }},
  };
  return keys;
}

}  // namespace

const std::string& Scenario::profile_system(const ContainerName& container) const {
  const auto found = profiles.find(container);
  return found != profiles.end() ? found->second.system : host.system;
}

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
  const nlohmann::json document = scenario::read_checked_json(text);
  scenario::check_container_count(document);
  Scenario scenario = parse_scenario(document, options);
  scenario::check_network_entries(scenario);
  return scenario;
}

}  // namespace ctrlab::oracle
