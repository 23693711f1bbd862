#pragma once

#include <set>
#include <string>
#include <vector>

#include "args.hpp"
#include "ctrlab/reports/suite_report.hpp"
#include "ctrlab/suite/suite.hpp"

// The suite a command takes from its arguments: scenario files and directories, named below
// the scenario root, the cases selected by --filter, --shard and --revision.
namespace ctrlab::cli {

// The options of every command that takes a suite (merge them into its OptionSpec).
inline const std::set<std::string> suite_options = {"--root", "--filter", "--shard", "--revision"};

// The help text of those options.
inline constexpr std::string_view suite_options_help =
    R"(  --root DIR            name scenarios by their path below DIR, without .json (default:
                        below the directory given; a file given alone by its file name)
  --filter REGEX        only the cases whose name SCENARIO/REVISION (e.g.
                        nixos-tests/restart/2022) matches REGEX (ECMAScript, anywhere in it)
  --shard I/N           only part I of N (1 <= I <= N): a stable split by case name, so N
                        jobs given the same suite run disjoint parts that make up the whole
  --revision R          only this module revision (2014, 2018, 2021, 2022 or 2025)
)";

struct SuiteInput {
  std::vector<suite::Case> cases;  // by name, then revision
  // A selected scenario file that could not be read or parsed: an errored case naming the
  // file and the JSON path; the rest of the suite still runs.
  std::vector<reports::CaseReport> unreadable;
};

// Throws UsageError for a bad --filter, --shard or --revision, FileError as
// find_scenario_files() and refuse_duplicate_names().
[[nodiscard]] SuiteInput load_suite(const Args& args);

}  // namespace ctrlab::cli
