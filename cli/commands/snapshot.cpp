#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../prediction_document.hpp"
#include "../suite_input.hpp"
#include "../snapshot_paths.hpp"
#include "commands.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help_head = R"(usage: ctrlab snapshot SCENARIO.json|DIR... --into DIR [--root DIR] [--filter REGEX]
                  [--shard I/N] [--revision R]

Writes the prediction of every scenario under every revision it lists to
DIR/NAME.REVISION.json, where NAME is the scenario's path below the scenario root. Commit the
snapshots; `ctrlab check` then holds later predictions against them, so a change in the
oracle, an option or a module revision shows up in review.

options:
  --into DIR            where the snapshots go (created if needed)
)";
constexpr std::string_view help_tail = R"(
Exit codes: 0 written, 2 bad usage or an invalid scenario (nothing is written for it).
)";
const std::string help = std::string(help_head) + std::string(suite_options_help) + std::string(help_tail);

int run_snapshot(const std::vector<std::string>& argv) {
  auto valued = suite_options;
  valued.insert("--into");
  const Args args(argv, {.valued = valued, .flags = {}});
  const auto into = args.value("--into");
  if (!into) throw UsageError("--into DIR is required");
  if (args.positionals().empty()) throw UsageError("give scenario files or directories");
  try {
    const auto input = load_suite(args);
    for (const auto& c : input.cases) {
      const auto path = snapshot_path(*into, c.name, c.revision);
      write_text_file(path, prediction_document(c.scenario, c.revision).dump(1) + "\n");
      std::cout << "wrote " << path.string() << '\n';
    }
    for (const auto& unreadable : input.unreadable) std::cerr << unreadable.cause << '\n';
    return input.unreadable.empty() ? exit_ok : exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab snapshot: " << error.what() << '\n';
    return exit_input_error;
  }
}

}  // namespace

Command snapshot_command() {
  return {"snapshot", "write predictions as snapshots for `ctrlab check`", help, run_snapshot};
}

}  // namespace ctrlab::cli
