#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "ctrlab/reports/suite_report.hpp"
#include "ctrlab/runner/scenario_runner.hpp"

// Running a suite: each case's expectation (expect.hpp) run for real in the sandbox, judged,
// and turned into the report documents.
namespace ctrlab::suite {

// One scenario under one module revision: what a suite runs and reports as one case.
struct Case {
  std::string name;  // the scenario's name in reports, e.g. "nixos-tests/bridge"
  oracle::Scenario scenario;
  oracle::Revision revision = oracle::newest_revision;

  [[nodiscard]] std::string label() const;  // "nixos-tests/bridge 2022"
};

// A case as it ended.
struct CaseOutcome {
  reports::CaseReport report;  // its part of junit.xml, report.json, report.html, summary.md
  nlohmann::json record;       // what the run observed, the verdict, journals (DIR/cases/); null if it did not run
  bool passed = false;
  std::string details;  // what a person reads when it did not pass: differences, journals, problems
};

// Runs one case in the sandbox behind `runner` and judges it (judge_case). A case the sandbox
// cannot run is an errored case; only Interrupted propagates.
[[nodiscard]] CaseOutcome run_case(runner::ScenarioRunner& runner, const Case& c, const runner::ScenarioRunOptions& options);

// A case from what its run left: judged; for a case that did not pass, the cause read from the
// run (an error when ctrlab's own side broke: the run's problems, the probe failing or
// crashing), its units' journals and the runner's log (`log`, one line each); the startup
// timeline, a bar per start attempt. No I/O: run_case calls it after the run, tests with a
// run read back from its record.
[[nodiscard]] CaseOutcome judge_case(const Case& c, const oracle::Expectation& expected, const runner::ScenarioRun& run,
                                     std::vector<std::string> log = {});

// The run a record (CaseOutcome::record, DIR/cases/NAME.REV.json) holds, read back. Throws
// oracle::InputError naming the JSON path of what is not a record.
[[nodiscard]] runner::ScenarioRun run_from_record(const nlohmann::json& record);

// A scenario file that could not be read or parsed, as an errored case of the suite: named as
// the file's scenario, without a revision, `why` naming the file and the JSON path.
[[nodiscard]] reports::CaseReport unreadable_scenario(std::string name, std::string why);

// What run_suite tells as it goes (each may be empty).
struct SuiteProgress {
  std::function<void(std::size_t index, std::size_t count, const Case& c)> case_started;
  std::function<void(std::size_t index, std::size_t count, const Case& c, const CaseOutcome& outcome)> case_finished;
};

struct SuiteRun {
  reports::SuiteReport report;
  std::size_t not_passed = 0;
};

// Runs every case in order on one sandbox, as `ctrlab run` does; the report holds them and the
// `unreadable` scenarios' errored cases in canonical order.
[[nodiscard]] SuiteRun run_suite(runner::ScenarioRunner& runner, const std::vector<Case>& cases,
                                 const runner::ScenarioRunOptions& options, const SuiteProgress& progress = {},
                                 const std::vector<reports::CaseReport>& unreadable = {});

}  // namespace ctrlab::suite
