#include <sstream>
#include <utility>

#include "cause.hpp"
#include "ctrlab/oracle/input_error.hpp"
#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/reports/from_verdict.hpp"
#include "ctrlab/runner/error.hpp"
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

// A case that is not run, and passes so: `cause` says why.
CaseOutcome skipped(const Case& c, std::string cause) {
  CaseOutcome outcome;
  outcome.report.scenario = c.name;
  outcome.report.revision = revision_name(c);
  outcome.report.status = reports::CaseStatus::skipped;
  outcome.report.cause = std::move(cause);
  outcome.passed = true;
  return outcome;
}

// A spec the module refuses is not run: the refusal is the prediction, and nothing follows.
CaseOutcome refused(const Case& c, const oracle::Expectation& expected) {
  return skipped(c, "the module refuses the spec, as predicted: " + expected.rendering.error->message);
}

// A case the sandbox host cannot run (runner::ScenarioRun::not_runnable): its prediction stands,
// unjudged, with the reason.
CaseOutcome not_runnable(const Case& c, const std::string& why) {
  auto outcome = skipped(c, "not run in the sandbox host: " + why);
  outcome.details = "  " + outcome.report.cause + '\n';
  return outcome;
}

CaseOutcome errored(const Case& c, const std::string& why) {
  CaseOutcome outcome;
  outcome.report = unreadable_scenario(c.name, why);
  outcome.report.revision = revision_name(c);
  outcome.details = "  error: " + why + '\n';
  return outcome;
}

std::vector<reports::TimelineBar> timeline(const oracle::Expectation& expected, const runner::ScenarioRun& run) {
  std::vector<reports::TimelineBar> bars;
  const auto add = [&](const oracle::UnitHistory& history, std::string_view source) {
    for (auto& bar : reports::timeline_bars(history, source)) bars.push_back(std::move(bar));
  };
  for (const auto& [container, history] : expected.unit_histories) add(history, "predicted");
  for (const auto& [container, observed] : run.observation.containers) {
    if (observed.unit_history) add(*observed.unit_history, "observed");
  }
  return bars;
}

// What a person needs beside a case that did not pass: its cause, its journals and the log.
void explain(reports::CaseReport& report, const oracle::Expectation& expected, const runner::ScenarioRun& run,
             std::vector<std::string> log) {
  const auto cause = cause_of(expected, run);
  if (cause.harness_broke) report.status = reports::CaseStatus::error;
  if (!cause.text.empty()) report.cause = cause.text;
  for (const auto& [unit, text] : run.unit_logs) report.journal.push_back({unit, text});
  report.log = std::move(log);
}

}  // namespace

std::string Case::label() const { return name + " " + std::string(oracle::to_string(revision)); }

reports::CaseReport unreadable_scenario(std::string name, std::string why) {
  reports::CaseReport report;
  report.scenario = std::move(name);
  report.status = reports::CaseStatus::error;
  report.cause = std::move(why);
  return report;
}

CaseOutcome judge_case(const Case& c, const oracle::Expectation& expected, const runner::ScenarioRun& run,
                       std::vector<std::string> log) {
  const double seconds = std::chrono::duration<double>(run.duration).count();
  const auto verdict = oracle::judge(expected, run.observation);
  CaseOutcome outcome;
  outcome.report = reports::case_from_verdict(c.name, revision_name(c), seconds, verdict);
  outcome.report.warnings = reports::prediction_warnings(expected.rendering);
  outcome.report.timeline = timeline(expected, run);
  outcome.passed = verdict.passed() && run.problems.empty();
  if (!outcome.passed) {
    if (!run.problems.empty()) outcome.report.status = reports::CaseStatus::error;
    explain(outcome.report, expected, run, log);
  }
  for (const auto& warning : outcome.report.warnings) outcome.details += "  warning: " + warning + '\n';
  if (!outcome.passed) {
    outcome.details += "  cause: " + outcome.report.cause + '\n';
    outcome.details += oracle::describe(verdict);
    for (const auto& [unit, text] : run.unit_logs) outcome.details += "  journal of " + unit + ":\n" + indented(text, "    ");
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
                    {"unitLogs", run.unit_logs},
                    {"log", log}};
  return outcome;
}

runner::ScenarioRun run_from_record(const nlohmann::json& record) {
  const auto field = [&](const char* key) -> const nlohmann::json& {
    if (!record.is_object() || !record.contains(key)) throw oracle::InputError(std::string("$.") + key, "a value", "missing");
    return record.at(key);
  };
  runner::ScenarioRun run;
  try {
    run.observation = oracle::observation_from_json(field("observation"));
    for (const auto& [container, boots] : field("probeReports").items()) {
      for (const auto& boot : boots) run.probe_reports[container].push_back(runner::probe::boot_report_from_json(boot));
    }
    run.unit_logs = field("unitLogs").get<std::map<std::string, std::string>>();
    run.problems = field("problems").get<std::vector<std::string>>();
    run.duration = std::chrono::microseconds(static_cast<std::int64_t>(field("seconds").get<double>() * 1e6));
  } catch (const nlohmann::json::exception& error) {
    throw oracle::InputError("$", "a case record", error.what());
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const oracle::InputError*>(&error) != nullptr) throw;
    throw oracle::InputError("$.probeReports", "probe boot reports", error.what());
  }
  return run;
}

CaseOutcome run_case(runner::ScenarioRunner& runner, const Case& c, const oracle::Expectation& expected,
                     const runner::ScenarioRunOptions& options) {
  if (expected.rendering.error) return refused(c, expected);
  // The runner's progress lines are kept for the report as well as passed on.
  std::vector<std::string> log;
  auto logging = options;
  logging.progress = [&](const std::string& line) {
    log.push_back(line);
    if (options.progress) options.progress(line);
  };
  try {
    auto run = runner.run(expected, logging);
    if (run.not_runnable) return not_runnable(c, *run.not_runnable);
    return judge_case(c, expected, run, std::move(log));
  } catch (const runner::Interrupted&) {
    throw;
  } catch (const runner::RunnerError& error) {
    return errored(c, error.what());
  }
}

}  // namespace ctrlab::suite
