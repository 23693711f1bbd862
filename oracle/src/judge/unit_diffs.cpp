#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "aspect_diffs.hpp"

namespace ctrlab::oracle::judging {
namespace {

// --- systemd values in their comparable form ---------------------------------------------

// A time span as systemd writes it ("1min 30s", "90", "infinity") in microseconds.
std::optional<std::string> time_span_usec(std::string_view text) {
  constexpr std::pair<std::string_view, std::int64_t> units[] = {
      {"usec", 1}, {"us", 1}, {"msec", 1000}, {"ms", 1000}, {"seconds", 1000000}, {"second", 1000000},
      {"sec", 1000000}, {"s", 1000000}, {"minutes", 60000000}, {"minute", 60000000}, {"min", 60000000},
      {"m", 60000000}, {"hours", 3600000000}, {"hour", 3600000000}, {"hr", 3600000000}, {"h", 3600000000},
      {"days", 86400000000}, {"day", 86400000000}, {"d", 86400000000}};
  if (text == "infinity") return std::string("infinity");
  std::int64_t total = 0;
  std::size_t at = 0;
  bool any = false;
  while (at < text.size()) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0) ++at;
    if (at == text.size()) break;
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), number);
    if (error != std::errc{}) return std::nullopt;
    at = static_cast<std::size_t>(end - text.data());
    std::size_t unit_end = at;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end])) != 0) ++unit_end;
    const std::string_view unit = text.substr(at, unit_end - at);
    std::int64_t scale = 1000000;  // a bare number is seconds
    if (!unit.empty()) {
      const auto found = std::find_if(std::begin(units), std::end(units), [&](const auto& each) { return each.first == unit; });
      if (found == std::end(units)) return std::nullopt;
      scale = found->second;
    }
    total += number * scale;
    at = unit_end;
    any = true;
  }
  if (!any) return std::nullopt;
  return std::to_string(total);
}

// A signal as a number: "TERM", "SIGTERM", "15", "SIGRTMIN+3" (glibc's SIGRTMIN is 34).
std::optional<std::string> signal_number(std::string_view text) {
  constexpr std::pair<std::string_view, int> signals[] = {
      {"HUP", 1},   {"INT", 2},    {"QUIT", 3},   {"ILL", 4},     {"TRAP", 5},  {"ABRT", 6},  {"BUS", 7},
      {"FPE", 8},   {"KILL", 9},   {"USR1", 10},  {"SEGV", 11},   {"USR2", 12}, {"PIPE", 13}, {"ALRM", 14},
      {"TERM", 15}, {"STKFLT", 16}, {"CHLD", 17}, {"CONT", 18},   {"STOP", 19}, {"TSTP", 20}, {"TTIN", 21},
      {"TTOU", 22}, {"URG", 23},   {"XCPU", 24},  {"XFSZ", 25},   {"VTALRM", 26}, {"PROF", 27}, {"WINCH", 28},
      {"IO", 29},   {"PWR", 30},   {"SYS", 31}};
  if (text.starts_with("SIG")) text.remove_prefix(3);
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc{} && end == text.data() + text.size()) return std::to_string(number);
  if (text.starts_with("RTMIN+")) {
    const std::string_view offset = text.substr(6);
    const auto [end2, error2] = std::from_chars(offset.data(), offset.data() + offset.size(), number);
    if (error2 == std::errc{} && end2 == offset.data() + offset.size()) return std::to_string(34 + number);
  }
  for (const auto& [name, value] : signals) {
    if (name == text) return std::to_string(value);
  }
  return std::nullopt;
}

// A list of exit statuses and signal names, order-insensitive.
std::optional<std::string> status_set(std::string_view text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find(' ', at);
    std::string word(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (!word.empty()) words.push_back(word);
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string joined;
  for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
  return joined;
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

std::vector<std::string> active_state_sequence(const UnitHistory& history) {
  std::vector<std::string> states;
  for (const auto& change : history.changes) {
    if (states.empty() || states.back() != change.active_state) states.push_back(change.active_state);
  }
  return states;
}

std::string joined_states(const std::vector<std::string>& states) {
  std::string text;
  for (const auto& state : states) text += (text.empty() ? "" : " -> ") + state;
  return text;
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
  const auto compare = [&](std::string_view field, const std::string& a, const std::string& b) {
    if (a != b) out.push_back({DiffKind::changed, subject, std::string(field), a, b});
  };
  compare("Result", predicted.result, observed.result);
  compare("NRestarts", std::to_string(predicted.n_restarts), std::to_string(observed.n_restarts));
  compare("ExecMainCode", predicted.exec_main_code, observed.exec_main_code);
  compare("ExecMainStatus", std::to_string(predicted.exec_main_status), std::to_string(observed.exec_main_status));
  compare("ActiveState sequence", joined_states(active_state_sequence(predicted)), joined_states(active_state_sequence(observed)));
  compare_timestamp(out, notes, subject, "ActiveEnterTimestampMonotonic", predicted.active_enter, observed.active_enter, options);
  compare_timestamp(out, notes, subject, "InactiveExitTimestampMonotonic", predicted.inactive_exit, observed.inactive_exit, options);
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
