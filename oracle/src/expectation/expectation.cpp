#include "ctrlab/oracle/expectation.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "ctrlab/oracle/json_writer.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/summary.hpp"

namespace ctrlab::oracle {
namespace {

std::string milliseconds(MonotonicUsec at) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(1);
  text << static_cast<double>(at) / 1000.0 << " ms";
  return text.str();
}

// One unit's history in a few lines: each state with its time, then the outcome.
std::string describe(const UnitHistory& history) {
  std::string text = "  " + history.unit + "\n";
  for (const auto& change : history.changes) {
    text += "    " + milliseconds(change.at) + "  " + change.active_state + "/" + change.sub_state + "\n";
  }
  text += "    Result=" + history.result + " NRestarts=" + std::to_string(history.n_restarts);
  if (!history.exec_main_code.empty()) {
    text += " ExecMainCode=" + history.exec_main_code + " ExecMainStatus=" + std::to_string(history.exec_main_status);
  }
  return text + "\n";
}

}  // namespace

Expectation expect(Prediction rendering, HostNetwork host) {
  Expectation expected;
  expected.rendering = std::move(rendering);
  expected.host = std::move(host);
  if (!expected.rendering.error) {
    expected.nspawn_arguments = read_nspawn_arguments(expected.rendering);
    expected.effects = predict_effects(expected.rendering, expected.nspawn_arguments, expected.host);
    expected.filesystems = predict_filesystems(expected.rendering, expected.nspawn_arguments);
  }
  return expected;
}

namespace {

std::string describe_stop(const std::string& container, const StopOutcome& outcome) {
  std::string text = "  " + container + ": " + outcome.active_state + "/" + outcome.sub_state + ", Result=" + outcome.result;
  if (!outcome.exec_main_code.empty()) {
    text += ", main process " + outcome.exec_main_code + " " + std::to_string(outcome.exec_main_status);
  }
  text += "\n";
  if (outcome.shortened_wait) {
    text += "    systemd-nspawn ignores the unit's KillSignal: a host waits " + *outcome.shortened_wait +
            " and then SIGKILLs the unit (Result=timeout); ctrlab run sends that SIGKILL at once\n";
  }
  return text;
}

}  // namespace

void write_expectation(JsonWriter& out, const Expectation& expectation) {
  if (expectation.rendering.error) {
    // A refused spec renders nothing: the document is the module's refusal alone.
    const std::vector<std::string> no_notes;
    write_object(out, prediction_members(expectation.rendering, no_notes));
    return;
  }
  JsonMembers members = prediction_members(expectation.rendering, expectation.notes);
  members["effects"] = [&](JsonWriter& to) { write_effects(to, expectation.effects); };
  const auto each = [](JsonWriter& to, const auto& value) { write_json(to, value); };
  members["filesystem"] = [&](JsonWriter& to) { write_each(to, expectation.filesystems, each); };
  if (!expectation.unit_histories.empty()) {
    members["unitHistories"] = [&](JsonWriter& to) { write_each(to, expectation.unit_histories, each); };
  }
  if (!expectation.stop_outcomes.empty()) {
    members["stopOutcomes"] = [&](JsonWriter& to) { write_each(to, expectation.stop_outcomes, each); };
  }
  write_object(out, members);
}

nlohmann::json expectation_document(const Expectation& expectation) {
  return build_json([&](JsonWriter& out) { write_expectation(out, expectation); });
}

std::string describe(const Expectation& expectation) {
  std::string text = summary_text(expectation.rendering);
  if (expectation.rendering.error) return text;
  text += "\nnetwork effects\n" + describe(expectation.effects);
  text += "\nfile system\n" + describe(expectation.filesystems);
  if (!expectation.unit_histories.empty()) {
    text += "\nunit histories (states from the start request on, as systemd reports them)\n";
    for (const auto& [container, history] : expectation.unit_histories) text += describe(history);
  }
  if (!expectation.stop_outcomes.empty()) {
    text += "\nafter a stop (systemctl stop once the units settled)\n";
    for (const auto& [container, outcome] : expectation.stop_outcomes) text += describe_stop(container, outcome);
  }
  for (const auto& note : expectation.notes) text += "note: " + note + "\n";
  return text;
}

}  // namespace ctrlab::oracle
