#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/verdict.hpp"

// The report model: what a suite run found, in the shape every output format needs.
// Filled from the oracle's verdicts (see from_verdict.hpp); written as JUnit XML, JSON,
// HTML and Markdown; read back from JSON so shards of one suite can be merged.
namespace ctrlab::reports {

// The verdict on one aspect of a case, in the oracle's words: its status and its differences
// are the judge's (oracle/verdict.hpp), rendered the oracle's way in every format.
struct AspectResult {
  std::string aspect;  // a judged aspect (argv, links, ...), or what else a case is held against (`check`: prediction)
  oracle::AspectStatus status = oracle::AspectStatus::passed;
  std::string summary;  // one line a person reads first (the judge's notes follow its summary)
  std::vector<oracle::Difference> differences;  // the failures
  std::vector<oracle::Difference> adapted;      // explained by a sandbox adaptation: shown, never failed

  [[nodiscard]] bool failed() const { return status == oracle::AspectStatus::failed; }
};

// Something the runner had to do differently from a NixOS host, and why. Never a failure.
struct Adaptation {
  std::string what;
  std::string why;
};

// One start attempt of a unit as a bar on the timeline: from the moment the unit began to
// start (leaving inactive, failed or auto-restart) to ready (active), or to the moment the
// attempt gave up; a unit restarted 5 times has 6 bars. Times in milliseconds from the
// scenario's start request; ready_ms and end_ms are never before start_ms.
struct TimelineBar {
  std::string unit;
  std::string source;  // "observed" or "predicted"
  double start_ms = 0;
  std::optional<double> ready_ms;
  double end_ms = 0;     // when the attempt ended: ready, or gave up
  std::string outcome;   // "ready", or how it ended: "restarted", "timeout", "start-limit-hit", ...
  std::size_t attempt = 1;  // the attempt's number within its unit, from 1
};

// The journal lines of one unit, as the runner read them after the run.
struct JournalExcerpt {
  std::string unit;
  std::string text;
};

enum class CaseStatus { passed, failed, error, skipped };

struct CaseReport {
  std::string scenario;  // scenario name, e.g. nixos-tests/bridge
  std::string revision;  // module revision, e.g. 2022; empty for a scenario that did not parse
  CaseStatus status = CaseStatus::passed;
  double seconds = 0;
  // Why it did not pass, in one line ("unit timed out after 2 s", "container init crashed:
  // ..."), or why it was skipped; empty for a case that passed.
  std::string cause;
  std::vector<AspectResult> aspects;
  std::vector<Adaptation> adaptations;
  std::vector<TimelineBar> timeline;
  // What the prediction warns about, "JSON path: message" (e.g. a value that injects a line
  // into the unit file): shown with the case whatever its status, never a failure.
  std::vector<std::string> warnings;
  // For a case that did not pass: its units' journals and the runner's log of the run.
  std::vector<JournalExcerpt> journal;
  std::vector<std::string> log;

  // "nixos-tests/bridge [2022]", or the scenario alone when there is no revision.
  [[nodiscard]] std::string label() const;
};

struct SuiteReport {
  std::string name;
  std::string timestamp;       // ISO 8601, given by the caller (reports/ reads no clock)
  std::string hostname;        // likewise
  std::string ctrlab_version;  // the version of ctrlab that wrote it
  std::vector<CaseReport> cases;
};

// The form of report.json this ctrlab writes and reads; shards of another form are refused.
inline constexpr int report_schema_version = 2;

struct SuiteCounts {
  std::size_t passed = 0, failed = 0, errors = 0, skipped = 0;
  [[nodiscard]] std::size_t total() const { return passed + failed + errors + skipped; }
};

[[nodiscard]] SuiteCounts count_cases(const SuiteReport& report);
[[nodiscard]] double total_seconds(const SuiteReport& report);
[[nodiscard]] std::string_view to_string(CaseStatus status);

// The cases in the order a person reads them: failed, then errored, then skipped, then
// passed; by scenario and revision within each.
[[nodiscard]] std::vector<const CaseReport*> worst_first(const SuiteReport& report);

// The canonical order of a suite's cases (report.json, merging): by scenario, then revision.
[[nodiscard]] bool canonical_order(const CaseReport& a, const CaseReport& b);

}  // namespace ctrlab::reports
