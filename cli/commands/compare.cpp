#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../prediction_document.hpp"
#include "../revision_option.hpp"
#include "commands.hpp"
#include "ctrlab/oracle/compare.hpp"
#include "ctrlab/oracle/parse.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab compare BEFORE.json AFTER.json [--revision R] [--json]
       ctrlab compare SCENARIO.json --from R1 --to R2 [--json]

Shows what changes in the prediction when an option changes (two scenario files, one
revision) or when the module moves to another revision (one scenario, two revisions):
env file lines, unit directives, nspawn arguments, ip operations, hosts, assertions.
Lists are aligned, so one inserted nspawn argument is one added row. Each change is named by
what it is ("web: nspawn argv: added --notify-ready=yes", "web: env file line
PRIVATE_USERS=no added") and said once: the argv not again inside hostOps.start, the template
unit only where no container's unit changed alike. --json lists every change at its JSON path.

options:
  --revision R   the revision for comparing two files (default 2025)
  --from R1      with one file: the revision before (2014, 2018, 2021, 2022 or 2025)
  --to R2        with one file: the revision after
  --json         print the changes as a JSON array of {kind, path, before, after}

Exit codes: 0 no change, 1 the predictions differ, 2 bad usage or an invalid scenario.
)";

oracle::Revision revision_option(const Args& args, std::string_view name, oracle::Revision fallback) {
  const auto text = args.value(name);
  if (!text) return fallback;
  return revision_value(name, *text);
}

struct Sides {
  nlohmann::json before;
  nlohmann::json after;
};

Sides predictions_to_compare(const Args& args) {
  const auto& files = args.positionals();
  if (files.size() == 2) {
    if (args.value("--from") || args.value("--to")) throw UsageError("--from/--to compare one scenario; give one file");
    const auto revision = revision_option(args, "--revision", oracle::newest_revision);
    return {prediction_document(load_scenario(files[0]), revision), prediction_document(load_scenario(files[1]), revision)};
  }
  if (files.size() == 1) {
    if (!args.value("--from") || !args.value("--to")) throw UsageError("with one scenario, give --from R1 and --to R2");
    if (args.value("--revision")) throw UsageError("--revision is for two files; use --from and --to");
    const auto scenario = load_scenario(files[0]);
    return {prediction_document(scenario, revision_option(args, "--from", oracle::newest_revision)),
            prediction_document(scenario, revision_option(args, "--to", oracle::newest_revision))};
  }
  throw UsageError("give two scenario files, or one with --from and --to");
}

int run_compare(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--revision", "--from", "--to"}, .flags = {"--json"}});
  std::vector<oracle::Change> changes;
  std::vector<std::string> readable;
  try {
    const auto sides = predictions_to_compare(args);
    changes = oracle::compare_documents(sides.before, sides.after);
    readable = oracle::readable_changes(sides.before, sides.after);
  } catch (const oracle::ScenarioError& error) {
    std::cerr << "ctrlab compare: " << error.what() << '\n';
    return exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab compare: " << error.what() << '\n';
    return exit_input_error;
  }
  if (args.flag("--json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : changes) {
      out.push_back({{"kind", oracle::to_string(c.kind)}, {"path", c.path}, {"before", c.before}, {"after", c.after}});
    }
    std::cout << out.dump(1) << '\n';
  } else {
    for (const auto& line : readable) std::cout << line << '\n';
    std::cout << (readable.empty() ? "no change" : std::to_string(readable.size()) + " changes") << '\n';
  }
  return changes.empty() ? exit_ok : exit_mismatch;
}

}  // namespace

Command compare_command() {
  return {"compare", "what an option change or another module revision changes in the prediction", help,
          run_compare};
}

}  // namespace ctrlab::cli
