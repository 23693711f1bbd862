#include "ctrlab/reports/from_verdict.hpp"

#include <utility>

namespace ctrlab::reports {
namespace {

AspectResult aspect_result(const oracle::AspectVerdict& verdict) {
  AspectResult result;
  result.aspect = std::string(oracle::to_string(verdict.aspect));
  result.status = verdict.status;
  result.summary = verdict.summary;
  for (const auto& note : verdict.notes) result.summary += (result.summary.empty() ? "" : "; ") + note;
  result.differences = verdict.differences;
  result.adapted = verdict.adapted;
  return result;
}

double milliseconds(oracle::MonotonicUsec usec) { return static_cast<double>(usec) / 1000.0; }

}  // namespace

CaseReport case_from_verdict(std::string scenario, std::string revision, double seconds,
                             const oracle::Verdict& verdict) {
  CaseReport report;
  report.scenario = std::move(scenario);
  report.revision = std::move(revision);
  report.seconds = seconds;
  report.status = verdict.passed() ? CaseStatus::passed : CaseStatus::failed;
  for (const auto& aspect : verdict.aspects) report.aspects.push_back(aspect_result(aspect));
  for (const auto& a : verdict.adaptations) report.adaptations.push_back({a.what, a.why});
  return report;
}

std::vector<std::string> prediction_warnings(const oracle::Prediction& prediction) {
  std::vector<std::string> warnings;
  const auto add = [&](const std::vector<oracle::RenderNote>& notes) {
    for (const auto& note : notes) {
      if (note.warning) warnings.push_back(note.path + ": " + note.message);
    }
  };
  add(prediction.notes);
  for (const auto& [name, container] : prediction.containers) add(container.notes);
  return warnings;
}

TimelineBar timeline_bar(const oracle::UnitHistory& history, std::string_view source) {
  TimelineBar bar;
  bar.unit = history.unit;
  bar.source = std::string(source);
  oracle::MonotonicUsec start = history.inactive_exit.value_or(0);
  oracle::MonotonicUsec end = start;
  for (const auto& change : history.changes) {
    if (!history.inactive_exit && change.active_state == "activating" && start == 0) start = change.at;
    end = std::max(end, change.at);
  }
  bar.start_ms = milliseconds(start);
  if (history.active_enter) bar.ready_ms = milliseconds(*history.active_enter);
  bar.end_ms = milliseconds(std::max(end, history.active_enter.value_or(end)));
  bar.outcome = history.result.empty() ? (history.changes.empty() ? "" : history.changes.back().active_state)
                                       : history.result;
  return bar;
}

}  // namespace ctrlab::reports
