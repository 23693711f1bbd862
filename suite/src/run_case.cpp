#include <sstream>

#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/reports/from_verdict.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/suite/expect.hpp"
#include "ctrlab/suite/suite.hpp"

namespace ctrlab::suite {
namespace {

std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += indent + line + '\n';
  return out;
}

std::string revision_name(const Case& c) { return std::string(oracle::to_string(c.revision)); }

nlohmann::json probe_reports_json(const runner::ScenarioRun& run) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [container, reports] : run.probe_reports) json[container] = reports;
  return json;
}

// A spec the module refuses is not run: the refusal is the prediction, and nothing follows.
CaseOutcome refused(const Case& c, const oracle::Expectation& expected) {
  CaseOutcome outcome;
  outcome.report = {c.name, revision_name(c), reports::CaseStatus::skipped, 0,
                    "the module refuses the spec, as predicted: " + expected.rendering.error->message, {}, {}, {}, {}};
  outcome.passed = true;
  return outcome;
}

// A case the sandbox host cannot run (runner::ScenarioRun::not_runnable): its prediction stands,
// unjudged, with the reason.
CaseOutcome not_runnable(const Case& c, const std::string& why) {
  CaseOutcome outcome;
  outcome.report = {c.name, revision_name(c), reports::CaseStatus::skipped, 0, "not run in the sandbox host: " + why, {}, {}, {}, {}};
  outcome.passed = true;
  outcome.details = "  " + outcome.report.message + '\n';
  return outcome;
}

CaseOutcome judged(const Case& c, const oracle::Expectation& expected, const runner::ScenarioRun& run) {
  const double seconds = std::chrono::duration<double>(run.duration).count();
  const auto verdict = oracle::judge(expected, run.observation);
  CaseOutcome outcome;
  outcome.report = reports::case_from_verdict(c.name, revision_name(c), seconds, verdict);
  outcome.report.warnings = reports::prediction_warnings(expected.rendering);
  for (const auto& [container, history] : expected.unit_histories) {
    outcome.report.timeline.push_back(reports::timeline_bar(history, "predicted"));
  }
  for (const auto& [container, observed] : run.observation.containers) {
    if (observed.unit_history) outcome.report.timeline.push_back(reports::timeline_bar(*observed.unit_history, "observed"));
  }
  outcome.passed = verdict.passed() && run.problems.empty();
  if (!run.problems.empty()) {
    outcome.report.status = reports::CaseStatus::error;
    for (const auto& problem : run.problems) outcome.report.message += (outcome.report.message.empty() ? "" : "; ") + problem;
  }
  for (const auto& warning : outcome.report.warnings) outcome.details += "  warning: " + warning + '\n';
  if (!outcome.passed) {
    outcome.details += oracle::describe(verdict);
    for (const auto& [unit, log] : run.unit_logs) outcome.details += "  journal of " + unit + ":\n" + indented(log, "    ");
  }
  for (const auto& problem : run.problems) outcome.details += "  problem: " + problem + '\n';
  outcome.record = {{"scenario", c.name},
                    {"revision", revision_name(c)},
                    {"seconds", seconds},
                    {"observation", run.observation},
                    {"verdict", verdict},
                    {"problems", run.problems},
                    {"notes", expected.notes},
                    {"probeReports", probe_reports_json(run)},
                    {"unitLogs", run.unit_logs}};
  return outcome;
}

CaseOutcome errored(const Case& c, const std::string& message) {
  CaseOutcome outcome;
  outcome.report = {c.name, revision_name(c), reports::CaseStatus::error, 0, message, {}, {}, {}, {}};
  outcome.details = "  error: " + message + '\n';
  return outcome;
}

}  // namespace

std::string Case::label() const { return name + " " + std::string(oracle::to_string(revision)); }

CaseOutcome run_case(runner::ScenarioRunner& runner, const Case& c, const runner::ScenarioRunOptions& options) {
  const auto expected = expect(c.scenario, c.revision);
  if (expected.rendering.error) return refused(c, expected);
  try {
    const auto run = runner.run(expected, options);
    if (run.not_runnable) return not_runnable(c, *run.not_runnable);
    return judged(c, expected, run);
  } catch (const runner::Interrupted&) {
    throw;
  } catch (const runner::RunnerError& error) {
    return errored(c, error.what());
  }
}

}  // namespace ctrlab::suite
