#pragma once

#include <optional>
#include <string>
#include <vector>

// The report model: what a suite run found, in the shape every output format needs.
// Filled from the oracle's verdicts (see from_verdict.hpp); written as JUnit XML, JSON,
// HTML and Markdown; read back from JSON so shards of one suite can be merged.
namespace ctrlab::reports {

// One difference between prediction and observation, already normalised by the judge.
struct DiffRow {
  std::string kind;       // "missing", "unexpected" or "changed"
  std::string field;      // what differs, e.g. "links[ve-web].state"
  std::string predicted;  // empty for "unexpected"
  std::string observed;   // empty for "missing"
};

// The verdict on one aspect of a case: argv, unit, links, addresses, routes, ...
struct AspectResult {
  std::string aspect;
  bool passed = true;
  bool observed = true;  // false: the runner could not observe it (neither passed nor failed)
  std::string summary;   // one line a person reads first
  std::vector<DiffRow> diffs;
  std::vector<DiffRow> adapted;  // differences a sandbox adaptation explains: shown, never failed
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
