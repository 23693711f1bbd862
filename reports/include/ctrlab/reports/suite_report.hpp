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

// One unit's start as a bar on the timeline: from the start request to ready (or to the
// moment it gave up). Times in milliseconds from the scenario's start.
struct TimelineBar {
  std::string unit;
  std::string source;  // "observed" or "predicted"
  double start_ms = 0;
  std::optional<double> ready_ms;
  double end_ms = 0;
  std::string outcome;  // e.g. "active", "timeout", "start-limit-hit"
};

enum class CaseStatus { passed, failed, error, skipped };

struct CaseReport {
  std::string scenario;  // scenario name, e.g. nixos-tests/bridge
  std::string revision;  // module revision, e.g. 2022
  CaseStatus status = CaseStatus::passed;
  double seconds = 0;
  std::string message;  // why it errored or was skipped; empty otherwise
  std::vector<AspectResult> aspects;
  std::vector<Adaptation> adaptations;
  std::vector<TimelineBar> timeline;
  // What the prediction warns about, "JSON path: message" (e.g. a value that injects a line
  // into the unit file): shown with the case whatever its status, never a failure.
  std::vector<std::string> warnings;
};

struct SuiteReport {
  std::string name;
  std::string timestamp;  // ISO 8601, given by the caller (reports/ reads no clock)
  std::string hostname;   // likewise
  std::vector<CaseReport> cases;
};

struct SuiteCounts {
  std::size_t passed = 0, failed = 0, errors = 0, skipped = 0;
  [[nodiscard]] std::size_t total() const { return passed + failed + errors + skipped; }
};

[[nodiscard]] SuiteCounts count_cases(const SuiteReport& report);
[[nodiscard]] double total_seconds(const SuiteReport& report);
[[nodiscard]] std::string_view to_string(CaseStatus status);

}  // namespace ctrlab::reports
