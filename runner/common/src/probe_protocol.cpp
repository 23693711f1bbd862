#include "ctrlab/runner/probe_protocol.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ctrlab::runner::probe {
namespace {

using nlohmann::json;

[[noreturn]] void malformed(const std::string& path, const std::string& expected) {
  throw std::runtime_error("probe file: at " + path + ": expected " + expected);
}

const json& member(const json& object, const char* key, const std::string& path) {
  if (!object.is_object() || !object.contains(key)) malformed(path + "." + key, "a value");
  return object.at(key);
}

template <typename T>
T value_of(const json& object, const char* key, const std::string& path, const char* expected) {
  try {
    return member(object, key, path).get<T>();
  } catch (const json::exception&) {
    malformed(path + "." + key, expected);
  }
}

oracle::BootAction parse_action(const std::string& text, const std::string& path) {
  if (const auto action = oracle::parse_boot_action(text)) return *action;
  malformed(path, "a boot action's name (oracle/behaviour.hpp)");
}

std::vector<oracle::Argv> argv_list(const json& list, const std::string& path) {
  try {
    return list.get<std::vector<oracle::Argv>>();
  } catch (const json::exception&) {
    malformed(path, "an array of argv arrays");
  }
}

}  // namespace

std::filesystem::path report_file(std::size_t boot) { return "boot-" + std::to_string(boot) + ".json"; }

void to_json(json& out, const Plan& plan) {
  json boots = json::array();
  for (const auto& boot : plan.script.boots) {
    boots.push_back({{"action", oracle::to_string(boot.action)},
                     {"code", boot.exit_code},
                     {"afterMs", boot.after.count()},
                     {"ignoreKillSignal", boot.ignore_kill_signal}});
  }
  json listeners = json::array();
  for (const auto& listener : plan.listeners) listeners.push_back({{"protocol", listener.protocol}, {"port", listener.port}});
  out = {{"container", plan.container},
         {"operations", plan.operations},
         {"boots", boots},
         {"listeners", listeners},
         {"duplicateAddressDetection", plan.duplicate_address_detection},
         {"execAfterStage2", plan.exec_after_stage_2}};
}

void to_json(json& out, const BootReport& report) {
  json operations = json::array();
  for (const auto& operation : report.operations) {
    operations.push_back({{"argv", operation.argv},
                          {"exitStatus", operation.outcome.exit_status},
                          {"message", operation.outcome.message}});
  }
  out = {{"boot", report.boot},
         {"pid", report.pid},
         {"argv", report.argv},
         {"environment", report.environment},
         {"operations", operations},
         {"reachedStage2", report.reached_stage_2},
         {"readySent", report.ready_sent},
         {"up", report.up},
         {"action", report.action},
         {"error", report.error},
         {"startedUsec", report.started_usec},
         {"upUsec", report.up_usec},
         {"handedOverTo", report.handed_over_to},
         {"machine", report.machine}};
}

Plan plan_from_json(const json& in) {
  Plan plan;
  plan.container = value_of<std::string>(in, "container", "plan", "a string");
  plan.operations = argv_list(member(in, "operations", "plan"), "plan.operations");
  const auto& boots = member(in, "boots", "plan");
  if (!boots.is_array() || boots.empty()) malformed("plan.boots", "a non-empty array");
  plan.script.boots.clear();
  for (std::size_t i = 0; i < boots.size(); ++i) {
    const std::string path = "plan.boots[" + std::to_string(i) + "]";
    oracle::BootBehaviour boot;
    boot.action = parse_action(value_of<std::string>(boots[i], "action", path, "a string"), path + ".action");
    boot.exit_code = value_of<int>(boots[i], "code", path, "an integer");
    boot.after = std::chrono::milliseconds(value_of<long long>(boots[i], "afterMs", path, "an integer"));
    boot.ignore_kill_signal = value_of<bool>(boots[i], "ignoreKillSignal", path, "a boolean");
    plan.script.boots.push_back(boot);
  }
  const auto& listeners = member(in, "listeners", "plan");
  if (!listeners.is_array()) malformed("plan.listeners", "an array");
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const std::string path = "plan.listeners[" + std::to_string(i) + "]";
    const auto protocol = value_of<std::string>(listeners[i], "protocol", path, "a string");
    if (protocol != "tcp" && protocol != "udp") malformed(path + ".protocol", "tcp or udp");
    const auto port = value_of<long long>(listeners[i], "port", path, "a port number");
    if (port < 1 || port > 65535) malformed(path + ".port", "a port number");
    plan.listeners.push_back({protocol, static_cast<std::uint16_t>(port)});
  }
  plan.duplicate_address_detection = value_of<bool>(in, "duplicateAddressDetection", "plan", "a boolean");
  plan.exec_after_stage_2 = value_of<std::vector<std::string>>(in, "execAfterStage2", "plan", "an array of strings");
  return plan;
}

BootReport boot_report_from_json(const json& in) {
  BootReport report;
  report.boot = value_of<std::size_t>(in, "boot", "report", "an integer");
  report.pid = value_of<pid_t>(in, "pid", "report", "an integer");
  report.argv = value_of<std::vector<std::string>>(in, "argv", "report", "an array of strings");
  report.environment = value_of<std::map<std::string, std::string>>(in, "environment", "report", "an object of strings");
  const auto& operations = member(in, "operations", "report");
  if (!operations.is_array()) malformed("report.operations", "an array");
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const std::string path = "report.operations[" + std::to_string(i) + "]";
    report.operations.push_back(
        {value_of<oracle::Argv>(operations[i], "argv", path, "an array of strings"),
         {value_of<int>(operations[i], "exitStatus", path, "an integer"),
          value_of<std::string>(operations[i], "message", path, "a string")}});
  }
  report.reached_stage_2 = value_of<bool>(in, "reachedStage2", "report", "a boolean");
  report.ready_sent = value_of<bool>(in, "readySent", "report", "a boolean");
  report.up = value_of<bool>(in, "up", "report", "a boolean");
  report.action = value_of<std::string>(in, "action", "report", "a string");
  report.error = value_of<std::string>(in, "error", "report", "a string");
  // Reports recorded before the probe stamped its times have none: they stay 0 and "".
  if (in.contains("startedUsec")) report.started_usec = value_of<std::int64_t>(in, "startedUsec", "report", "an integer");
  if (in.contains("upUsec")) report.up_usec = value_of<std::int64_t>(in, "upUsec", "report", "an integer");
  if (in.contains("handedOverTo")) report.handed_over_to = value_of<std::string>(in, "handedOverTo", "report", "a string");
  if (in.contains("machine")) report.machine = value_of<std::string>(in, "machine", "report", "a string");
  return report;
}

}  // namespace ctrlab::runner::probe
