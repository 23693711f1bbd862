#include <cstdlib>

#include "aspect_diffs.hpp"
#include "ctrlab/oracle/exit_status.hpp"
#include "ctrlab/oracle/signal.hpp"
#include "ctrlab/oracle/time_span.hpp"
#include "ctrlab/oracle/unit_outcome.hpp"

namespace ctrlab::oracle::judging {
namespace {

// --- systemd values in their comparable form ---------------------------------------------
// The module writes them as a unit file does ("TERM", "1min"); `systemctl show` prints its own
// form ("15", "1min 30s"). Both are read with the systemd vocabulary and compared as values.

std::optional<std::string> time_span_usec(std::string_view text) {
  const auto span = parse_time_span(text);
  if (!span) return std::nullopt;
  return is_infinite(*span) ? std::string("infinity") : std::to_string(span->count());
}

std::optional<std::string> signal_number(std::string_view text) {
  const auto signal = parse_signal(text);
  if (!signal) return std::nullopt;
  return std::to_string(signal->number);
}

std::optional<std::string> status_set(std::string_view text) {
  const auto reading = read_exit_status_set(text);
  if (!reading.unknown_words.empty()) return std::nullopt;
  return to_string(reading.set);
}

std::optional<std::string> verbatim(std::string_view text) { return std::string(text); }

struct PropertyRule {
  std::string_view setting;   // the module's serviceConfig name
  std::string_view property;  // systemctl show's name
  std::optional<std::string> (*normalise)(std::string_view);
};

// Data, not code: which settings are compared, and in which form.
constexpr PropertyRule property_rules[] = {
    {"Type", "Type", verbatim},
    {"Restart", "Restart", verbatim},
    {"KillMode", "KillMode", verbatim},
    {"KillSignal", "KillSignal", signal_number},
    {"TimeoutStartSec", "TimeoutStartUSec", time_span_usec},
    {"DevicePolicy", "DevicePolicy", verbatim},
    {"Slice", "Slice", verbatim},
    {"Delegate", "Delegate", verbatim},
    {"SyslogIdentifier", "SyslogIdentifier", verbatim},
    {"RestartForceExitStatus", "RestartForceExitStatus", status_set},
    {"SuccessExitStatus", "SuccessExitStatus", status_set},
};

std::optional<std::string> setting_text(const UnitValue& value, const std::string& container) {
  if (const auto* flag = std::get_if<bool>(&value)) return std::string(*flag ? "yes" : "no");
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) return std::nullopt;
  std::string expanded = *text;
  // The template's %i is the instance: the container's name.
  for (std::size_t at = expanded.find("%i"); at != std::string::npos; at = expanded.find("%i", at + container.size())) {
    expanded.replace(at, 2, container);
  }
  return expanded;
}

void compare_timestamp(std::vector<Difference>& out, std::vector<std::string>& notes, const std::string& subject,
                       std::string_view name, const std::optional<MonotonicUsec>& predicted,
                       const std::optional<MonotonicUsec>& observed, const JudgeOptions& options) {
  if (!predicted || !observed || *predicted == *observed) return;
  const auto millis = [](MonotonicUsec usec) { return std::to_string(usec / 1000) + " ms"; };
  const MonotonicUsec apart = std::llabs(*predicted - *observed);
  if (options.timing_tolerance && apart > options.timing_tolerance->count()) {
    out.push_back({DiffKind::changed, subject, std::string(name), millis(*predicted), millis(*observed)});
    return;
  }
  notes.push_back(subject + " " + std::string(name) + ": predicted " + millis(*predicted) + ", observed " + millis(*observed) +
                  (options.timing_tolerance ? " (within tolerance)" : " (timing is reported, not judged)"));
}

}  // namespace

std::vector<Difference> diff_unit_history(const std::string& subject, const UnitHistory& predicted,
                                          const UnitHistory& observed, const JudgeOptions& options,
                                          std::vector<std::string>& notes) {
  std::vector<Difference> out;
  const auto predicted_fields = outcome_fields(exact_outcome(predicted, predicted.exits_may_race));
  const auto observed_fields = outcome_fields(exact_outcome(observed, predicted.exits_may_race));
  for (std::size_t i = 0; i < predicted_fields.size(); ++i) {
    const auto& [name, value] = predicted_fields[i];
    if (value != observed_fields[i].value) {
      out.push_back({DiffKind::changed, subject, std::string(name), value, observed_fields[i].value});
    }
  }
  compare_timestamp(out, notes, subject, "ActiveEnterTimestampMonotonic", predicted.active_enter, observed.active_enter, options);
  compare_timestamp(out, notes, subject, "InactiveExitTimestampMonotonic", predicted.inactive_exit, observed.inactive_exit, options);
  return out;
}

std::vector<Difference> diff_stop_outcome(const std::string& subject, const StopOutcome& predicted,
                                          const StopOutcome& observed) {
  const auto fields_of = [](const StopOutcome& outcome) {
    return std::vector<std::pair<std::string_view, std::string>>{
        {"state after the stop", outcome.active_state + "/" + outcome.sub_state},
        {"Result after the stop", outcome.result},
        {"ExecMainCode after the stop", outcome.exec_main_code},
        {"ExecMainStatus after the stop", std::to_string(outcome.exec_main_status)},
    };
  };
  const auto expected = fields_of(predicted);
  const auto seen = fields_of(observed);
  std::vector<Difference> out;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i].second != seen[i].second) {
      out.push_back({DiffKind::changed, subject, std::string(expected[i].first), expected[i].second, seen[i].second});
    }
  }
  return out;
}

std::vector<Difference> diff_unit_properties(const std::string& subject, const std::string& container,
                                             const UnitDefinition& predicted,
                                             const std::map<std::string, std::string>& observed,
                                             std::vector<std::string>& notes) {
  std::vector<Difference> out;
  for (const auto& rule : property_rules) {
    const auto setting = predicted.serviceConfig.find(std::string(rule.setting));
    if (setting == predicted.serviceConfig.end()) continue;
    const auto expected_text = setting_text(setting->second, container);
    const std::string field = std::string(rule.property) + " (" + std::string(rule.setting) + ")";
    const auto seen = observed.find(std::string(rule.property));
    if (!expected_text) continue;
    if (seen == observed.end()) {
      notes.push_back(subject + " " + std::string(rule.property) + " was not observed");
      continue;
    }
    const auto expected_form = rule.normalise(*expected_text);
    const auto seen_form = rule.normalise(seen->second);
    if (!expected_form || !seen_form || *expected_form != *seen_form) {
      out.push_back({DiffKind::changed, subject, field, *expected_text, seen->second});
    }
  }
  return out;
}

}  // namespace ctrlab::oracle::judging
