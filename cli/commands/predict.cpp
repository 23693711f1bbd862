#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../revision_option.hpp"
#include "../scenario_files.hpp"
#include "commands.hpp"
#include "ctrlab/oracle.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/json_writer.hpp"
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
scenarios/README.md (nesting, members, values, containers, network entries, links that may
share a segment).

On a large host the output stays linear in the containers: each container's own links,
addresses, routes and operations are listed, while what answers from where is given as
classes ("reachabilityClasses": to the host, to peers on a segment, through forwarded ports)
with at most 32 concrete probes from each container, which `ctrlab run` sends and judges.
The JSON is written a container at a time, never held whole.

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

// A scenario file as read for prediction. An invalid one has its message on stderr and
// nothing to predict, except with --json when the only problem is an option no revision has:
// the prediction still shows the module's own refusal.
struct ReadScenario {
  std::filesystem::path file;
  std::optional<oracle::Scenario> scenario;
  bool input_error = false;
};

ReadScenario read_scenario(const std::filesystem::path& file, bool json) {
  ReadScenario read{file, std::nullopt, false};
  const std::string text = read_text_file(file);
  try {
    read.scenario = oracle::parse_scenario_file(text);
  } catch (const oracle::ScenarioError& error) {
    std::cerr << file.string() << ": " << error.what() << '\n';
    read.input_error = true;
    if (!json) return read;
    try {
      read.scenario = oracle::parse_scenario_file(text, {.rejectUnknownOptions = false});
    } catch (const oracle::ScenarioError&) {
    }
  }
  return read;
}

void print_descriptions(const std::vector<ReadScenario>& scenarios, const Args& args) {
  const bool headed = args.positionals().size() > 1 || std::filesystem::is_directory(args.positionals().front());
  for (const auto& read : scenarios) {
    if (!read.scenario) continue;
    for (const auto revision : chosen_revisions(args, *read.scenario)) {
      if (headed) std::cout << "== " << read.file.string() << '\n';
      std::cout << oracle::describe(suite::expect(*read.scenario, revision)) << '\n';
    }
  }
}

// One file's predictions keyed by revision, each predicted as its turn to be printed comes:
// only one prediction is held at a time, however large the host.
void write_revisions(oracle::JsonWriter& out, const oracle::Scenario& scenario, std::vector<oracle::Revision> revisions) {
  std::sort(revisions.begin(), revisions.end(),
            [](oracle::Revision a, oracle::Revision b) { return oracle::to_string(a) < oracle::to_string(b); });
  revisions.erase(std::unique(revisions.begin(), revisions.end()), revisions.end());
  out.begin_object();
  for (const auto revision : revisions) {
    out.key(oracle::to_string(revision));
    oracle::write_expectation(out, suite::expect(scenario, revision));
  }
  out.end_object();
}

// One file and one revision print the prediction itself; more nest by file, then revision
// (each in ascending order, as JSON objects list their keys here).
void print_documents(std::vector<ReadScenario>& scenarios, const Args& args) {
  std::erase_if(scenarios, [](const ReadScenario& read) { return !read.scenario; });
  if (scenarios.empty()) return;
  std::sort(scenarios.begin(), scenarios.end(),
            [](const ReadScenario& a, const ReadScenario& b) { return a.file.string() < b.file.string(); });
  scenarios.erase(std::unique(scenarios.begin(), scenarios.end(),
                              [](const ReadScenario& a, const ReadScenario& b) { return a.file == b.file; }),
                  scenarios.end());
  oracle::JsonTextWriter out(std::cout, 1);
  if (scenarios.size() == 1) {
    const auto revisions = chosen_revisions(args, *scenarios.front().scenario);
    if (revisions.size() == 1) {
      oracle::write_expectation(out, suite::expect(*scenarios.front().scenario, revisions.front()));
      std::cout << '\n';
      return;
    }
  }
  out.begin_object();
  for (const auto& read : scenarios) {
    out.key(read.file.string());
    write_revisions(out, *read.scenario, chosen_revisions(args, *read.scenario));
  }
  out.end_object();
  std::cout << '\n';
}

int run_predict(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--revision"}, .flags = {"--json", "--all-revisions"}});
  if (args.positionals().empty()) throw UsageError("give a scenario file (or a directory of them)");
  if (args.value("--revision") && args.flag("--all-revisions")) {
    throw UsageError("--revision and --all-revisions exclude each other");
  }
  const bool json = args.flag("--json");
  std::vector<ReadScenario> scenarios;
  try {
    for (const auto& found : find_scenario_files(args.positionals())) scenarios.push_back(read_scenario(found.path, json));
  } catch (const FileError& error) {
    std::cerr << "ctrlab predict: " << error.what() << '\n';
    return exit_input_error;
  }
  const bool input_error = std::any_of(scenarios.begin(), scenarios.end(), [](const ReadScenario& read) { return read.input_error; });
  if (json) print_documents(scenarios, args);
  else print_descriptions(scenarios, args);
  return input_error ? exit_input_error : exit_ok;
}

}  // namespace

Command predict_command() {
  return {"predict", "predict what the NixOS container module renders for a scenario", help, run_predict};
}

}  // namespace ctrlab::cli
