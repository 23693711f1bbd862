#include <algorithm>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../revision_option.hpp"
#include "../scenario_files.hpp"
#include "commands.hpp"
#include "ctrlab/oracle.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/suite/expect.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab predict SCENARIO.json|DIR... [--revision 2014|2018|2021|2022|2025] [--all-revisions] [--json]

Predicts what the NixOS container module renders for each container of a scenario, without
Nix: the env file byte for byte, the container@ unit, the exact systemd-nspawn argv after the
start script's word splitting, the ip commands on the host (preStart, postStart) and in the
container (its init), /etc/hosts lines, assertions and warnings — and then what systemd-nspawn
and the kernel make of them: links with nspawn's names and MACs, addresses, routes, each
operation's outcome, what should answer from where, the containers' mounts — and, from the
simulator, each unit's history for the scenario's probe behaviours: its states with their
times, restarts, result and exit status, and how a stop ends. Where bash cannot read one of
the module's scripts (a value pasted in unquoted, e.g. an extraVeths name `veth(1)`), it says
which and with bash's words, and the commands stop there. This is exactly what `ctrlab run`
runs and judges against. A DIR means every *.json below it.

options:
  --revision R      the module revision to model (default: the newest the scenario lists,
                    2025 when it lists none)
  --all-revisions   predict for every revision the scenario lists (default all five)
  --json            print JSON with the ground truth's keys (plus "revision", "notes",
                    "effects" (network), "filesystem", "unitHistories" and "stopOutcomes");
                    several files or revisions give an object keyed by file, then revision

When the module itself would refuse a spec (an option the revision does not have), the
prediction says so: the readable summary shows Nix's message, the JSON carries it in "error".
An option no revision has is bad input (the message suggests the nearest name); with --json
the JSON still shows how the module would refuse it.

A value holding a line break that writes lines of its own into the unit or env file (line
injection) is predicted as systemd reads the file, and a `warning:` names it and what it wrote.
A scenario file must be a regular file of at most 64 MiB, within the limits listed in
scenarios/README.md (nesting, members, values, containers, network entries).

Exit codes: 0 predicted (also when the module refuses the spec), 2 bad usage or an invalid
scenario (the message names the JSON path and the expected form), 70 internal error.
)";

std::vector<oracle::Revision> chosen_revisions(const Args& args, const oracle::Scenario& scenario) {
  if (const auto text = args.value("--revision")) {
    return {revision_value("--revision", *text)};
  }
  if (args.flag("--all-revisions")) return scenario.revisions;
  return {*std::max_element(scenario.revisions.begin(), scenario.revisions.end())};
}

struct FileOutcome {
  nlohmann::json json = nlohmann::json::object();  // revision -> prediction
  bool input_error = false;
};

// An invalid scenario: the message on stderr; with --json, when the only problem is an
// option no revision has, the prediction still shows the module's own refusal.
FileOutcome predict_file(const std::filesystem::path& file, const Args& args) {
  FileOutcome outcome;
  const std::string text = read_text_file(file);
  oracle::Scenario scenario;
  try {
    scenario = oracle::parse_scenario_file(text);
  } catch (const oracle::ScenarioError& error) {
    std::cerr << file.string() << ": " << error.what() << '\n';
    outcome.input_error = true;
    try {
      scenario = oracle::parse_scenario_file(text, {.rejectUnknownOptions = false});
    } catch (const oracle::ScenarioError&) {
      return outcome;
    }
    if (!args.flag("--json")) return outcome;
  }
  for (const auto revision : chosen_revisions(args, scenario)) {
    const auto expected = suite::expect(scenario, revision);
    if (args.flag("--json")) {
      outcome.json[std::string(oracle::to_string(revision))] = oracle::expectation_document(expected);
    } else {
      if (args.positionals().size() > 1 || std::filesystem::is_directory(args.positionals().front())) {
        std::cout << "== " << file.string() << '\n';
      }
      std::cout << oracle::describe(expected) << '\n';
    }
  }
  return outcome;
}

// One file and one revision print the prediction itself; more nest by file, then revision.
nlohmann::json combined(const std::vector<std::pair<std::string, nlohmann::json>>& per_file) {
  if (per_file.size() == 1 && per_file.front().second.size() == 1) return per_file.front().second.begin().value();
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [file, revisions] : per_file) out[file] = revisions;
  return out;
}

int run_predict(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--revision"}, .flags = {"--json", "--all-revisions"}});
  if (args.positionals().empty()) throw UsageError("give a scenario file (or a directory of them)");
  if (args.value("--revision") && args.flag("--all-revisions")) {
    throw UsageError("--revision and --all-revisions exclude each other");
  }
  bool input_error = false;
  std::vector<std::pair<std::string, nlohmann::json>> per_file;
  try {
    for (const auto& found : find_scenario_files(args.positionals())) {
      const auto& file = found.path;
      FileOutcome outcome = predict_file(file, args);
      input_error = input_error || outcome.input_error;
      if (!outcome.json.empty()) per_file.emplace_back(file.string(), std::move(outcome.json));
    }
  } catch (const FileError& error) {
    std::cerr << "ctrlab predict: " << error.what() << '\n';
    return exit_input_error;
  }
  if (args.flag("--json") && !per_file.empty()) std::cout << combined(per_file).dump(1) << '\n';
  return input_error ? exit_input_error : exit_ok;
}

}  // namespace

Command predict_command() {
  return {"predict", "predict what the NixOS container module renders for a scenario", help, run_predict};
}

}  // namespace ctrlab::cli
