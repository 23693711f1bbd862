#include "scenario/parsers.hpp"

namespace ctrlab::oracle::scenario {
namespace {

BootAction parse_action(const JsonNode& node) {
  constexpr std::string_view expected =
      R"("stay-up", "exit", "reboot", "poweroff", "hang-before-ready", "exit-before-ready" or "notify-from-child")";
  const std::string text = node.as_string(expected);
  if (const auto action = parse_boot_action(text)) return *action;
  node.fail(expected, "got " + describe(node.value()));
}

BootBehaviour parse_boot(const JsonNode& node) {
  static const std::vector<std::string_view> keys = {"action", "code", "afterMs", "ignoreKillSignal"};
  BootBehaviour boot;
  bool has_action = false;
  std::optional<std::string> code_path;
  node.for_each_member("an object with \"action\"", [&](const std::string& key, const JsonNode& member) {
    if (key == "action") {
      boot.action = parse_action(member);
      has_action = true;
    } else if (key == "code") {
      const auto code = member.as_integer("an exit code from 0 to 255");
      if (code < 0 || code > 255) member.fail("an exit code from 0 to 255", "got " + member.value().dump());
      boot.exit_code = static_cast<int>(code);
      code_path = member.path();
    } else if (key == "afterMs") {
      const auto after = member.as_integer("a number of milliseconds (0 or more)");
      if (after < 0) member.fail("a number of milliseconds (0 or more)", "got " + member.value().dump());
      boot.after = std::chrono::milliseconds(after);
    } else if (key == "ignoreKillSignal") {
      boot.ignore_kill_signal = member.as_bool();
    } else {
      fail_unknown_key(member, key, keys, "boot keys");
    }
  });
  if (!has_action) node.fail("an object with \"action\"", "there is no \"action\"");
  if (code_path && !takes_exit_code(boot.action)) {
    throw ScenarioError(*code_path, "\"code\" only with \"action\": \"exit\" or \"exit-before-ready\"",
                        "a code is given for another action");
  }
  return boot;
}

}  // namespace

ProbeScript parse_probe_script(const JsonNode& node) {
  ProbeScript script;
  script.boots.clear();
  node.for_each_member("an object with \"boots\"", [&](const std::string& key, const JsonNode& member) {
    if (key != "boots") fail_unknown_key(member, key, {"boots"}, "probe keys");
    member.for_each_element("a non-empty list of boots",
                            [&](const JsonNode& element) { script.boots.push_back(parse_boot(element)); });
    if (script.boots.empty()) member.fail("a non-empty list of boots", "the list is empty");
  });
  if (script.boots.empty()) node.fail("an object with \"boots\"", "there is no \"boots\" list");
  return script;
}

}  // namespace ctrlab::oracle::scenario
