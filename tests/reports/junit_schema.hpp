#pragma once

// The rules of the Jenkins xUnit plugin's junit-10.xsd, the strictest JUnit schema CI servers
// apply, written down as data from the schema's facts (which elements may hold which, which
// attributes each allows and requires, the pattern of a suite's time), and a check of a
// document against them that lists every breach.
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "markup_tree.hpp"

namespace report_test {

struct ElementRule {
  std::set<std::string> children;    // the elements it may hold, in any order and number
  std::set<std::string> attributes;  // the attributes it allows
  std::set<std::string> required;    // those it must have
  bool text = false;                 // whether it may hold text
  std::set<std::string> timed;       // attributes whose value must match the schema's time pattern
};

inline const std::map<std::string, ElementRule>& junit_10_rules() {
  static const std::map<std::string, ElementRule> rules = {
      {"testsuites", {{"testsuite"}, {"name", "time", "tests", "failures", "errors"}, {}, false, {"time"}}},
      {"testsuite",
       {{"testsuite", "properties", "testcase", "system-out", "system-err"},
        {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file",
         "log", "url"},
        {"name", "tests", "failures", "errors"},
        false,
        {"time"}}},
      {"properties", {{"property"}, {}, {}, false, {}}},
      {"property", {{}, {"name", "value"}, {"name", "value"}, false, {}}},
      {"testcase",
       {{"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError", "system-out", "system-err"},
        {"name", "time", "classname", "group"},
        {"name"},
        false,
        {}}},
      {"failure", {{}, {"type", "message"}, {}, true, {}}},
      {"error", {{}, {"type", "message"}, {}, true, {}}},
      {"skipped", {{}, {"type", "message"}, {}, true, {}}},
      {"system-out", {{}, {}, {}, true, {}}},
      {"system-err", {{}, {}, {}, true, {}}},
  };
  return rules;
}

// The schema's time: digits, optionally grouped by commas in threes, and a decimal part.
inline bool is_junit_time(const std::string& value) {
  static const std::regex time(R"(([0-9]{1,3}(,[0-9]{3})+|[0-9]*)(\.[0-9]*)?)");
  return std::regex_match(value, time);
}

// Every breach of the rules in `element` (named `name`) and below, one line each.
inline void junit_breaches(const std::string& name, const Tree& element, const std::string& where,
                           std::vector<std::string>& breaches) {
  const auto rule = junit_10_rules().find(name);
  if (rule == junit_10_rules().end()) {
    breaches.push_back(where + ": <" + name + "> is not an element of the schema");
    return;
  }
  std::set<std::string> present;
  if (const auto attributes = element.get_child_optional("<xmlattr>")) {
    for (const auto& [attribute, value] : *attributes) {
      present.insert(attribute);
      if (!rule->second.attributes.contains(attribute)) breaches.push_back(where + ": attribute " + attribute + " not allowed");
      if (rule->second.timed.contains(attribute) && !is_junit_time(value.data())) {
        breaches.push_back(where + ": " + attribute + "=\"" + value.data() + "\" is not a time");
      }
    }
  }
  for (const auto& required : rule->second.required) {
    if (!present.contains(required)) breaches.push_back(where + ": required attribute " + required + " missing");
  }
  const auto& text = element.data();
  if (!rule->second.text && text.find_first_not_of(" \t\r\n") != std::string::npos) {
    breaches.push_back(where + ": holds text");
  }
  for (const auto& [child, subtree] : element) {
    if (child == "<xmlattr>") continue;
    if (!rule->second.children.contains(child)) {
      breaches.push_back(where + ": <" + child + "> not allowed in <" + name + ">");
      continue;
    }
    junit_breaches(child, subtree, where + "/" + child, breaches);
  }
}

// Every breach of junit-10.xsd in a JUnit document; empty when it validates.
inline std::vector<std::string> junit_schema_breaches(const std::string& xml) {
  const Tree document = parse_markup(xml);
  std::vector<std::string> breaches;
  if (document.size() != 1) breaches.push_back("the document has " + std::to_string(document.size()) + " root elements");
  for (const auto& [root, element] : document) junit_breaches(root, element, root, breaches);
  return breaches;
}

}  // namespace report_test
