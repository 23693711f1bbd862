#include "ctrlab/reports/from_verdict.hpp"

#include <algorithm>
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
  for (const auto& aspect : verdict.aspects) {
    report.aspects.push_back(aspect_result(aspect));
    const auto& result = report.aspects.back();
    if (result.failed()) report.cause += (report.cause.empty() ? "" : "; ") + result.aspect + ": " + result.summary;
  }
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

std::vector<TimelineBar> timeline_bars(const oracle::UnitHistory& history, std::string_view source) {
  std::vector<TimelineBar> bars;
  bool open = false;  // an attempt has begun and has neither become ready nor given up
  // A restart job took the unit out of auto-restart at restart_at; its start comes next.
  bool restart_pending = false;
  oracle::MonotonicUsec restart_at = 0;
  std::string previous_sub_state;
  const auto close = [&](oracle::MonotonicUsec at, std::string outcome) {
    bars.back().end_ms = std::max(bars.back().start_ms, milliseconds(at));
    bars.back().outcome = std::move(outcome);
    open = false;
  };
  for (const auto& change : history.changes) {
    const bool starting = change.active_state == "activating" && change.sub_state != "auto-restart";
    if (previous_sub_state == "auto-restart" && change.active_state == "inactive") {
      restart_pending = true;
      restart_at = change.at;
    }
    previous_sub_state = change.sub_state;
    if (!open && starting) {
      bars.push_back({history.unit, std::string(source), milliseconds(change.at), std::nullopt, 0, "", bars.size() + 1});
      open = true;
      restart_pending = false;
    } else if (!open && restart_pending && change.active_state == "failed") {
      // The restart was refused before anything ran (the start limit): an attempt all the same.
      bars.push_back({history.unit, std::string(source), milliseconds(restart_at), std::nullopt, 0, "", bars.size() + 1});
      close(change.at, "start refused");
      restart_pending = false;
    } else if (open && change.active_state == "active") {
      bars.back().ready_ms = std::max(bars.back().start_ms, milliseconds(change.at));
      close(change.at, "ready");
    } else if (open && !starting) {
      close(change.at, "restarted");  // what the last attempt's end means is said below
    }
  }
  // Histories recorded without state changes still have systemd's timestamps of the last start.
  if (bars.empty() && history.inactive_exit) {
    bars.push_back({history.unit, std::string(source), milliseconds(*history.inactive_exit), std::nullopt, 0, "", 1});
    open = true;
    if (history.active_enter && *history.active_enter >= *history.inactive_exit) {
      bars.back().ready_ms = milliseconds(*history.active_enter);
      close(*history.active_enter, "ready");
    }
  }
  if (bars.empty()) return bars;
  if (open) close(history.changes.empty() ? 0 : history.changes.back().at, "");
  auto& last = bars.back();
  if (!last.ready_ms && last.outcome != "start refused") {
    last.outcome = !history.result.empty() ? history.result
                   : history.changes.empty() ? "did not start" : history.changes.back().active_state;
  }
  return bars;
}

}  // namespace ctrlab::reports
