#include <algorithm>
#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../prediction_document.hpp"
#include "../report_writer.hpp"
#include "../suite_input.hpp"
#include "../version.hpp"
#include "../snapshot_paths.hpp"
#include "commands.hpp"
#include "ctrlab/oracle/compare.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/reports/from_verdict.hpp"
#include "ctrlab/suite/expect.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help_head = R"(usage: ctrlab check SCENARIO.json|DIR... --against DIR [--reports OUT] [--root DIR]
                  [--filter REGEX] [--shard I/N] [--revision R]

Holds the prediction of every scenario under every revision it lists against the snapshot
`ctrlab snapshot` wrote (DIR/NAME.REVISION.json) and lists every change. A missing snapshot
is an error for that case, and so is a scenario that does not parse (the rest is checked).
Shards' reports merge with `ctrlab report` into the report of the whole suite.

options:
  --against DIR         the snapshots' directory
  --reports OUT         also write junit.xml, report.json, report.html and summary.md to OUT
)";
constexpr std::string_view help_tail = R"(
Exit codes: 0 every prediction equals its snapshot, 1 a prediction changed or a snapshot is
missing, 2 bad usage or an invalid scenario (after the rest was checked and reported).
)";
const std::string help = std::string(help_head) + std::string(suite_options_help) + std::string(help_tail);

// Snapshot side is "predicted" (what was agreed), the current prediction "observed".
oracle::Difference difference(const oracle::Change& change) {
  switch (change.kind) {
    case oracle::ChangeKind::removed: return {oracle::DiffKind::missing, "", change.path, change.before, ""};
    case oracle::ChangeKind::added: return {oracle::DiffKind::unexpected, "", change.path, "", change.after};
    case oracle::ChangeKind::changed: break;
  }
  return {oracle::DiffKind::changed, "", change.path, change.before, change.after};
}

reports::CaseReport check_case(const suite::Case& c, const std::filesystem::path& against) {
  reports::CaseReport report;
  report.scenario = c.name;
  report.revision = std::string(oracle::to_string(c.revision));
  const auto path = snapshot_path(against, c.name, c.revision);
  nlohmann::json snapshot;
  try {
    snapshot = nlohmann::json::parse(read_text_file(path));
  } catch (const FileError&) {
    report.status = reports::CaseStatus::error;
    report.cause = "no snapshot at " + path.string() + " (write it with `ctrlab snapshot`)";
    return report;
  } catch (const nlohmann::json::parse_error& error) {
    report.status = reports::CaseStatus::error;
    report.cause = path.string() + " is not JSON: " + error.what();
    return report;
  }
  const auto expected = suite::expect(c.scenario, c.revision);
  report.warnings = reports::prediction_warnings(expected.rendering);
  const auto changes = oracle::compare_documents(snapshot, oracle::expectation_document(expected));
  reports::AspectResult aspect;
  aspect.aspect = "prediction";
  aspect.status = changes.empty() ? oracle::AspectStatus::passed : oracle::AspectStatus::failed;
  aspect.summary = changes.empty() ? "equals the snapshot" : std::to_string(changes.size()) + " changes";
  for (const auto& change : changes) aspect.differences.push_back(difference(change));
  report.status = changes.empty() ? reports::CaseStatus::passed : reports::CaseStatus::failed;
  if (!changes.empty()) report.cause = aspect.aspect + ": " + aspect.summary + " from the snapshot";
  report.aspects.push_back(std::move(aspect));
  return report;
}

void print_case(const reports::CaseReport& report) {
  const bool ok = report.status == reports::CaseStatus::passed;
  std::cout << (ok ? "ok      " : report.status == reports::CaseStatus::error ? "ERROR   " : "CHANGED ") << report.label();
  if (report.status == reports::CaseStatus::error) std::cout << ": " << report.cause;
  std::cout << '\n';
  for (const auto& warning : report.warnings) std::cout << "        warning: " << warning << '\n';
  for (const auto& aspect : report.aspects) {
    for (const auto& d : aspect.differences) std::cout << "        " << d.text() << '\n';
  }
}

int run_check(const std::vector<std::string>& argv) {
  auto valued = suite_options;
  valued.insert({"--against", "--reports"});
  const Args args(argv, {.valued = valued, .flags = {}});
  const auto against = args.value("--against");
  if (!against) throw UsageError("--against DIR is required");
  if (args.positionals().empty()) throw UsageError("give scenario files or directories");
  // No clock and no host name: the report of a check depends on the scenarios and snapshots
  // alone, so the merged shards of a suite equal its unsharded report.
  reports::SuiteReport suite{"ctrlab check", "", "", std::string(ctrlab_version), {}};
  SuiteInput input;
  try {
    input = load_suite(args);
    suite.cases = input.unreadable;
    for (const auto& c : input.cases) suite.cases.push_back(check_case(c, *against));
    std::stable_sort(suite.cases.begin(), suite.cases.end(), reports::canonical_order);
    for (const auto& c : suite.cases) print_case(c);
    if (const auto out = args.value("--reports")) write_report_files(suite, *out);
  } catch (const FileError& error) {
    std::cerr << "ctrlab check: " << error.what() << '\n';
    return exit_input_error;
  }
  const auto counts = reports::count_cases(suite);
  std::cout << counts.passed << " unchanged, " << counts.failed << " changed, " << counts.errors << " errors\n";
  if (!input.unreadable.empty()) return exit_input_error;
  return counts.failed + counts.errors == 0 ? exit_ok : exit_mismatch;
}

}  // namespace

Command check_command() {
  return {"check", "hold predictions against committed snapshots", help, run_check};
}

}  // namespace ctrlab::cli
