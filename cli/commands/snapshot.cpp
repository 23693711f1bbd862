#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../prediction_document.hpp"
#include "../scenario_files.hpp"
#include "../snapshot_paths.hpp"
#include "commands.hpp"
#include "ctrlab/oracle/parse.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab snapshot SCENARIO.json|DIR... --into DIR

Writes the prediction of every scenario under every revision it lists to
DIR/NAME.REVISION.json, where NAME is the scenario's path below the directory it was found
in (or its file name). Commit the snapshots; `ctrlab check` then holds later predictions
against them, so a change in the oracle, an option or a module revision shows up in review.

options:
  --into DIR   where the snapshots go (created if needed)

Exit codes: 0 written, 2 bad usage or an invalid scenario (nothing is written for it).
)";

int run_snapshot(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--into"}, .flags = {}});
  const auto into = args.value("--into");
  if (!into) throw UsageError("--into DIR is required");
  if (args.positionals().empty()) throw UsageError("give scenario files or directories");
  int status = exit_ok;
  try {
    const bool all_valid = for_each_scenario_revision(
        args.positionals(), [&](const ScenarioFile& file, const oracle::Scenario& scenario, oracle::Revision revision) {
          const auto path = snapshot_path(*into, file.name, revision);
          write_text_file(path, prediction_document(scenario, revision).dump(1) + "\n");
          std::cout << "wrote " << path.string() << '\n';
        });
    if (!all_valid) status = exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab snapshot: " << error.what() << '\n';
    return exit_input_error;
  }
  return status;
}

}  // namespace

Command snapshot_command() {
  return {"snapshot", "write predictions as snapshots for `ctrlab check`", help, run_snapshot};
}

}  // namespace ctrlab::cli
