#include "ctrlab/oracle/expectation.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

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
    expected.effects = predict_effects(expected.rendering, expected.host);
    expected.filesystems = predict_filesystems(expected.rendering);
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

nlohmann::json expectation_document(const Expectation& expectation) {
  nlohmann::json document = to_json(expectation.rendering);
  if (expectation.rendering.error) return document;
  document["effects"] = expectation.effects;
  document["filesystem"] = expectation.filesystems;
  if (!expectation.unit_histories.empty()) {
    auto& histories = document["unitHistories"] = nlohmann::json::object();
    for (const auto& [container, history] : expectation.unit_histories) histories[container] = unit_history_to_json(history);
  }
  if (!expectation.stop_outcomes.empty()) {
    auto& outcomes = document["stopOutcomes"] = nlohmann::json::object();
    for (const auto& [container, outcome] : expectation.stop_outcomes) outcomes[container] = stop_outcome_to_json(outcome);
  }
  for (const auto& note : expectation.notes) document["notes"].push_back(note);
  return document;
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
