#include "ctrlab/sim/service_properties.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "ctrlab/oracle/time_span.hpp"
#include "ctrlab/sim/input_error.hpp"

namespace ctrlab::sim {
namespace {

// One [Service] or [Unit] directive as the module sets it, with where it is for errors.
struct Directive {
  std::string_view section_name;
  const std::string* key = nullptr;  // the section's own key
  const oracle::UnitValue* value = nullptr;

  // The JSON path, made only for an error: a unit's directives are looked up by the dozen.
  [[nodiscard]] std::string path() const { return std::string(section_name) + "." + *key; }
};

std::optional<Directive> find(const oracle::UnitSection& section, std::string_view section_name,
                              const std::string& key) {
  const auto it = section.find(key);
  if (it == section.end()) return std::nullopt;
  return Directive{section_name, &it->first, &it->second};
}

// A unit file line per list element; for a single-valued directive the last one wins, as
// when systemd reads repeated assignments. An empty list leaves the directive unset.
std::optional<std::string> single_text(const Directive& directive) {
  if (const auto* text = std::get_if<std::string>(directive.value)) return *text;
  if (const auto* flag = std::get_if<bool>(directive.value)) return *flag ? "true" : "false";
  const auto& list = std::get<std::vector<std::string>>(*directive.value);
  if (list.empty()) return std::nullopt;
  return list.back();
}

// List-valued directives accumulate their lines.
std::string joined_text(const Directive& directive) {
  if (const auto* list = std::get_if<std::vector<std::string>>(directive.value)) {
    std::string joined;
    for (const auto& word : *list) {
      if (!joined.empty()) joined += ' ';
      joined += word;
    }
    return joined;
  }
  return single_text(directive).value_or("");
}

bool has_command(const oracle::UnitSection& section, const std::string& key) {
  const auto directive = find(section, "serviceConfig", key);
  if (!directive) return false;
  return !joined_text(*directive).empty();
}

bool parse_boolean(const Directive& directive) {
  if (const auto* flag = std::get_if<bool>(directive.value)) return *flag;
  const std::string text = single_text(directive).value_or("");
  for (const char* yes : {"1", "yes", "y", "true", "t", "on"}) {
    if (text == yes) return true;
  }
  for (const char* no : {"0", "no", "n", "false", "f", "off"}) {
    if (text == no) return false;
  }
  throw InputError(directive.path(), "expected a boolean (yes/no, true/false, 1/0), got '" + text + "'");
}

Duration parse_span(const Directive& directive, bool zero_means_infinity) {
  const std::string text = single_text(directive).value_or("");
  const auto span = oracle::parse_time_span(text);
  if (!span) {
    throw InputError(directive.path(),
                     "expected a systemd time span such as \"90s\", \"1min\", \"2min 30s\" or \"infinity\", got '" +
                         text + "'");
  }
  if (zero_means_infinity && span->count() == 0) return infinite_duration;
  return *span;
}

unsigned parse_unsigned(const Directive& directive) {
  const std::string text = single_text(directive).value_or("");
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    throw InputError(directive.path(), "expected a non-negative integer, got '" + text + "'");
  }
  return value;
}

// A word that is neither an exit status nor a signal is refused: systemd would skip it with a
// warning, but a typo in a restart rule should not pass silently.
ExitStatusSet parse_exit_status_set(const Directive& directive) {
  auto reading = oracle::read_exit_status_set(joined_text(directive));
  if (!reading.unknown_words.empty()) {
    throw InputError(directive.path(), "'" + reading.unknown_words.front() +
                                         "' is not an exit status (0-255 or a name such as TEMPFAIL) or a signal name");
  }
  return reading.set;
}

template <typename Enum, typename Parser>
Enum parse_enum(const Directive& directive, Parser parser, const char* expected) {
  const std::string text = single_text(directive).value_or("");
  const auto value = parser(text);
  if (!value) throw InputError(directive.path(), std::string("expected ") + expected + ", got '" + text + "'");
  return *value;
}

void read_type(const oracle::UnitSection& service, ServiceProperties& properties) {
  const auto directive = find(service, "serviceConfig", "Type");
  if (!directive) return;
  properties.type = parse_enum<ServiceType>(*directive, parse_service_type,
                                            "one of simple, exec, forking, oneshot, dbus, notify, idle");
  if (properties.type == ServiceType::forking || properties.type == ServiceType::oneshot ||
      properties.type == ServiceType::dbus) {
    throw InputError(directive->path(), "Type=" + std::string(to_string(properties.type)) +
                                          " is not modelled by the simulator (it models simple, exec, idle and notify)");
  }
}

void read_timeouts(const oracle::UnitSection& service, ServiceProperties& properties) {
  if (const auto both = find(service, "serviceConfig", "TimeoutSec")) {
    properties.timeout_start = parse_span(*both, true);
    properties.timeout_stop = properties.timeout_start;
  }
  if (const auto start = find(service, "serviceConfig", "TimeoutStartSec")) {
    properties.timeout_start = parse_span(*start, true);
  }
  if (const auto stop = find(service, "serviceConfig", "TimeoutStopSec")) {
    properties.timeout_stop = parse_span(*stop, true);
  }
  if (const auto restart = find(service, "serviceConfig", "RestartSec")) {
    properties.restart_sec = parse_span(*restart, false);
  }
  if (const auto mode = find(service, "serviceConfig", "TimeoutStartFailureMode")) {
    if (single_text(*mode).value_or("terminate") != "terminate") {
      throw InputError(mode->path(), "only TimeoutStartFailureMode=terminate (the default) is modelled");
    }
  }
}

void read_restart_rules(const oracle::UnitSection& service, ServiceProperties& properties) {
  if (const auto restart = find(service, "serviceConfig", "Restart")) {
    properties.restart = parse_enum<RestartPolicy>(
        *restart, parse_restart_policy, "one of no, on-success, on-failure, on-abnormal, on-watchdog, on-abort, always");
  }
  const auto read_set = [&service](const char* key, ExitStatusSet& set) {
    if (const auto directive = find(service, "serviceConfig", key)) {
      set = parse_exit_status_set(*directive);
    }
  };
  read_set("SuccessExitStatus", properties.success_exit_status);
  read_set("RestartForceExitStatus", properties.restart_force_exit_status);
  read_set("RestartPreventExitStatus", properties.restart_prevent_exit_status);
  if (const auto remain = find(service, "serviceConfig", "RemainAfterExit"); remain && parse_boolean(*remain)) {
    throw InputError(remain->path(), "RemainAfterExit=yes is not modelled by the simulator");
  }
}

void read_start_limit(const oracle::UnitDefinition& unit, ServiceProperties& properties) {
  // [Unit] is where systemd v230+ reads them; [Service] still accepts the older names.
  for (const auto* key : {"StartLimitInterval", "StartLimitIntervalSec"}) {
    if (const auto directive = find(unit.serviceConfig, "serviceConfig", key)) {
      properties.start_limit_interval = parse_span(*directive, false);
    }
    if (const auto directive = find(unit.unitConfig, "unitConfig", key)) {
      properties.start_limit_interval = parse_span(*directive, false);
    }
  }
  if (const auto directive = find(unit.serviceConfig, "serviceConfig", "StartLimitBurst")) {
    properties.start_limit_burst = parse_unsigned(*directive);
  }
  if (const auto directive = find(unit.unitConfig, "unitConfig", "StartLimitBurst")) {
    properties.start_limit_burst = parse_unsigned(*directive);
  }
}

void read_kill_settings(const oracle::UnitSection& service, ServiceProperties& properties) {
  if (const auto mode = find(service, "serviceConfig", "KillMode")) {
    properties.kill_mode =
        parse_enum<KillMode>(*mode, parse_kill_mode, "one of control-group, mixed, process, none");
    if (properties.kill_mode == KillMode::none) {
      throw InputError(mode->path(), "KillMode=none is not modelled by the simulator");
    }
  }
  if (const auto signal = find(service, "serviceConfig", "KillSignal")) {
    properties.kill_signal = parse_enum<Signal>(*signal, oracle::parse_signal, "a signal name such as TERM or SIGRTMIN+3");
  }
  if (const auto send = find(service, "serviceConfig", "SendSIGKILL")) {
    properties.send_sigkill = parse_boolean(*send);
  }
}

void read_notify_access(const oracle::UnitSection& service, ServiceProperties& properties) {
  properties.notify_access = properties.type == ServiceType::notify ? NotifyAccess::main : NotifyAccess::none;
  if (const auto access = find(service, "serviceConfig", "NotifyAccess")) {
    properties.notify_access =
        parse_enum<NotifyAccess>(*access, parse_notify_access, "one of none, main, exec, all");
  }
}

}  // namespace

ServiceProperties service_properties_from(const oracle::UnitDefinition& unit) {
  ServiceProperties properties;
  read_type(unit.serviceConfig, properties);
  read_timeouts(unit.serviceConfig, properties);
  read_restart_rules(unit.serviceConfig, properties);
  read_start_limit(unit, properties);
  read_kill_settings(unit.serviceConfig, properties);
  read_notify_access(unit.serviceConfig, properties);
  properties.commands.start_pre = has_command(unit.serviceConfig, "ExecStartPre");
  properties.commands.start_post = has_command(unit.serviceConfig, "ExecStartPost");
  properties.commands.stop = has_command(unit.serviceConfig, "ExecStop");
  properties.commands.stop_post = has_command(unit.serviceConfig, "ExecStopPost");
  return properties;
}

}  // namespace ctrlab::sim
