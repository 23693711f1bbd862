#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "ctrlab/reports/suite_report.hpp"
#include "ctrlab/runner/sandbox.hpp"
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

// Runs one case, whose expectation (expect.hpp) is `expected`, in the sandbox behind `runner`
// and judges it (judge_case). A case the sandbox cannot run is an errored case; only
// Interrupted propagates.
[[nodiscard]] CaseOutcome run_case(runner::ScenarioRunner& runner, const Case& c, const oracle::Expectation& expected,
                                   const runner::ScenarioRunOptions& options);

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

// Boots one sandbox host for run_suite. It is called in the thread that then runs cases on
// that sandbox, so the sandbox's D-Bus connection and netlink sockets stay in one thread.
// Throws runner::RunnerError when it cannot.
using BootSandbox = std::function<std::unique_ptr<runner::Sandbox>()>;

// What run_suite tells as it goes (each may be empty). With several sandboxes the calls come
// from their threads, one at a time: a callback needs no lock of its own.
struct SuiteProgress {
  // A sandbox host is up and about to take cases.
  std::function<void(const runner::Sandbox& sandbox)> sandbox_booted;
  // A case ended; `finished` counts the cases ended so far, this one included.
  std::function<void(std::size_t finished, std::size_t count, const Case& c, const CaseOutcome& outcome)> case_finished;
  // One line of the runner's progress within case `c` (replaces ScenarioRunOptions::progress).
  std::function<void(const Case& c, const std::string& line)> case_line;
};

struct SuiteRun {
  reports::SuiteReport report;
  std::size_t not_passed = 0;
  // Sandbox hosts that did not boot while others did, and why: the others ran their cases.
  std::vector<std::string> sandboxes_not_booted;
};

// Runs every case, as `ctrlab run --jobs N` does, on `sandboxes` sandbox hosts side by side
// (one per case at most): each is booted by `boot` in a thread of its own (the first in the
// caller's) and takes the next case from one shared queue until none is left; with more than
// one, the cases expected to take longest go first. Each sandbox is a whole one, as with one:
// container names repeat across scenarios, so no two cases share a sandbox at once.
// The report holds the cases and the `unreadable` scenarios' errored cases in canonical order,
// the same whatever order they ended in and however many sandboxes ran them. A sandbox that
// does not boot leaves its cases to the others; when none boots, the first one's error is
// thrown. On a signal (runner::InterruptWatch) every sandbox is taken down before Interrupted
// is thrown; any other exception ends every sandbox after its current case and is rethrown.
[[nodiscard]] SuiteRun run_suite(const BootSandbox& boot, std::size_t sandboxes, const std::vector<Case>& cases,
                                 const runner::ScenarioRunOptions& options, const SuiteProgress& progress = {},
                                 const std::vector<reports::CaseReport>& unreadable = {});

}  // namespace ctrlab::suite
