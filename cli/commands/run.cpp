// ctrlab run: predict, run for real in the sandbox host, observe, judge.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../report_writer.hpp"
#include "../scenario_files.hpp"
#include "commands.hpp"
#include "ctrlab/oracle.hpp"
#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/reports/from_verdict.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/runner/tools.hpp"
#include "ctrlab/sim/input_error.hpp"
#include "ctrlab/sim/timeline.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab run SCENARIO.json|DIR... [--revision 2014|2018|2021|2022] [--out DIR]
                  [--settle-timeout SECONDS] [--verbose]

Runs each scenario for real and judges it against the prediction. One sandbox host serves
the whole suite: a private systemd booted from this machine's /usr by systemd-nspawn in
its own namespaces (its own network namespace: this machine's network, units and files
are never touched). For each scenario and module revision it installs what the module
renders (env file, container@ units, the /nix paths the nspawn argv binds, ctrlab's probe
as every container's init), starts the units (autoStart ones through their targets, as
boot does), records what systemd reports over D-Bus until every unit has settled, then
judges: the systemd-nspawn argv really exec'd (from /proc), the unit properties as systemd
loaded them, every network command's result, links, addresses and routes in the sandbox's
and each container's namespace (and the sandbox's after the stop), reachability (ICMP echo,
TCP to a listener the probe opens, forwarded ports), the container's mounts and whether its
root is left after the stop, and the unit's states and restarts against the simulator's
prediction. Where the sandbox must differ from a NixOS host, the difference is a listed
adaptation, shown beside the verdict.

A DIR means every *.json below it. Needs root. Ctrl-C stops the run and removes everything
it made; a run that was killed is cleaned up by the next one.

options:
  --revision R          run only this module revision (default: every revision the
                        scenario lists)
  --out DIR             write each case's observation and verdict as DIR/cases/NAME.REV.json
                        and the suite report (junit.xml, report.json, report.html, summary.md)
  --settle-timeout S    give up waiting for a scenario's units after S seconds (default 120)
  --verbose             print the runner's progress within each scenario

Exit codes: 0 every case as predicted, 1 a case differed or could not be run,
2 bad usage or an invalid scenario (the message names the JSON path), 3 this machine
cannot run the sandbox (not root, no systemd-nspawn, the boot failed), 4 interrupted
(everything was cleaned up), 70 internal error.
)";

struct Case {
  ScenarioFile file;
  oracle::Scenario scenario;
  oracle::Revision revision = oracle::newest_revision;

  [[nodiscard]] std::string label() const { return file.name + " " + std::string(oracle::to_string(revision)); }
};

std::vector<Case> load_cases(const Args& args) {
  std::optional<oracle::Revision> only;
  if (const auto text = args.value("--revision")) {
    only = oracle::parse_revision(*text);
    if (!only) throw UsageError("--revision takes 2014, 2018, 2021 or 2022, not '" + *text + "'");
  }
  std::vector<Case> cases;
  for (auto& file : find_scenario_files(args.positionals())) {
    const auto scenario = oracle::parse_scenario_file(read_text_file(file.path));
    for (const auto revision : scenario.revisions) {
      if (!only || revision == *only) cases.push_back({file, scenario, revision});
    }
  }
  return cases;
}

// Everything predicted about a case: the rendering, its network effects and, from the
// simulator, each unit's history (left out, with a note, where it cannot model the unit).
oracle::Expectation expectation_for(const Case& c, const oracle::Prediction& rendering, std::vector<std::string>& notes) {
  oracle::Expectation expected;
  expected.rendering = rendering;
  expected.effects = oracle::predict_effects(rendering, c.scenario.host.network);
  try {
    expected.unit_histories = sim::predict_unit_histories(rendering, expected.effects, c.scenario.probes);
  } catch (const sim::InputError& error) {
    notes.push_back(std::string("unit histories not predicted: ") + error.what());
  }
  return expected;
}

struct CaseResult {
  reports::CaseReport report;
  bool passed = false;
};

std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += indent + line + '\n';
  return out;
}

nlohmann::json probe_reports_json(const runner::ScenarioRun& run) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [container, reports] : run.probe_reports) json[container] = reports;
  return json;
}

CaseResult run_case(runner::ScenarioRunner& runner, const Case& c, const runner::ScenarioRunOptions& options,
                    const std::optional<std::string>& out) {
  const auto rendering = oracle::predict(c.scenario, c.revision);
  std::vector<std::string> notes;
  const auto expected = expectation_for(c, rendering, notes);
  const auto run = runner.run(c.scenario, rendering, options);
  const double seconds = std::chrono::duration<double>(run.duration).count();
  CaseResult result;
  if (rendering.error) {
    result.report = {c.file.name, std::string(oracle::to_string(c.revision)), reports::CaseStatus::skipped, seconds,
                     "the module refuses the spec, as predicted: " + rendering.error->message, {}, {}, {}, {}};
    result.passed = true;
    return result;
  }
  const auto verdict = oracle::judge(expected, run.observation);
  result.report = reports::case_from_verdict(c.file.name, std::string(oracle::to_string(c.revision)), seconds, verdict);
  result.report.warnings = reports::prediction_warnings(rendering);
  for (const auto& warning : result.report.warnings) std::cout << "  warning: " << warning << '\n';
  for (const auto& [container, history] : expected.unit_histories) {
    result.report.timeline.push_back(reports::timeline_bar(history, "predicted"));
  }
  for (const auto& [container, observed] : run.observation.containers) {
    if (observed.unit_history) result.report.timeline.push_back(reports::timeline_bar(*observed.unit_history, "observed"));
  }
  result.passed = verdict.passed() && run.problems.empty();
  if (!run.problems.empty()) {
    result.report.status = reports::CaseStatus::error;
    for (const auto& problem : run.problems) result.report.message += (result.report.message.empty() ? "" : "; ") + problem;
  }
  if (!result.passed) std::cout << '\n' << oracle::describe(verdict);
  for (const auto& [unit, log] : run.unit_logs) {
    if (!result.passed) std::cout << "  journal of " << unit << ":\n" << indented(log, "    ");
  }
  for (const auto& problem : run.problems) std::cout << "  problem: " << problem << '\n';
  if (out) {
    nlohmann::json json = {{"scenario", c.file.name},
                           {"revision", oracle::to_string(c.revision)},
                           {"seconds", seconds},
                           {"observation", run.observation},
                           {"verdict", verdict},
                           {"problems", run.problems},
                           {"notes", notes},
                           {"probeReports", probe_reports_json(run)},
                           {"unitLogs", run.unit_logs}};
    std::string file_name = c.file.name;
    std::replace(file_name.begin(), file_name.end(), '/', '.');
    write_text_file(std::filesystem::path(*out) / "cases" / (file_name + "." + std::string(oracle::to_string(c.revision)) + ".json"),
                    json.dump(2) + "\n");
  }
  return result;
}

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::ostringstream text;
  text << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return text.str();
}

std::string host_name() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

int run_suite(const Args& args, const std::vector<Case>& cases) {
  runner::ScenarioRunOptions options;
  if (const auto seconds = args.integer("--settle-timeout")) options.settle_timeout = std::chrono::seconds(*seconds);
  if (args.flag("--verbose")) options.progress = [](const std::string& line) { std::cout << "      " << line << '\n'; };
  const auto out = args.value("--out");

  runner::InterruptWatch interrupts;
  runner::SandboxOptions sandbox_options;
  sandbox_options.tools = {runner::tools::locate(runner::tools::probe_program), runner::tools::locate(runner::tools::commands_program)};
  std::cout << "booting the sandbox host...\n";
  runner::Sandbox sandbox(sandbox_options);
  for (const auto& leftover : sandbox.reaped_leftovers()) {
    std::cout << "removed what a killed run left: " << leftover.kind << " " << leftover.what << '\n';
  }
  std::cout << "sandbox " << sandbox.machine_name() << " up in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(sandbox.boot_duration()).count() << " ms\n";
  runner::ScenarioRunner scenario_runner(sandbox);

  reports::SuiteReport suite{"ctrlab run", now_iso8601(), host_name(), {}};
  std::size_t failed = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    std::cout << "[" << i + 1 << "/" << cases.size() << "] " << c.label() << " ..." << std::flush;
    if (options.progress) std::cout << '\n';
    CaseResult result;
    try {
      result = run_case(scenario_runner, c, options, out);
    } catch (const runner::Interrupted&) {
      throw;
    } catch (const runner::RunnerError& error) {
      result.report = {c.file.name, std::string(oracle::to_string(c.revision)), reports::CaseStatus::error, 0, error.what(), {}, {}, {}, {}};
      std::cout << "\n  error: " << error.what() << '\n';
    }
    failed += result.passed ? 0 : 1;
    std::cout << "  " << c.label() << ": " << reports::to_string(result.report.status) << " ("
              << std::fixed << std::setprecision(1) << result.report.seconds << " s)\n";
    suite.cases.push_back(std::move(result.report));
  }
  if (out) {
    for (const auto& path : write_report_files(suite, *out)) std::cout << "wrote " << path.string() << '\n';
  }
  const auto counts = reports::count_cases(suite);
  std::cout << counts.passed << " passed, " << counts.failed << " failed, " << counts.errors << " errors, "
            << counts.skipped << " skipped\n";
  return failed == 0 ? exit_ok : exit_mismatch;
}

int run_run(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--revision", "--out", "--settle-timeout"}, .flags = {"--verbose"}});
  if (args.positionals().empty()) throw UsageError("give at least one scenario file or directory");
  std::vector<Case> cases;
  try {
    cases = load_cases(args);
  } catch (const oracle::ScenarioError& error) {
    std::cerr << "ctrlab run: " << error.what() << '\n';
    return exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab run: " << error.what() << '\n';
    return exit_input_error;
  }
  if (::geteuid() != 0) {
    std::cerr << "ctrlab run: needs root (it boots a sandbox host with systemd-nspawn)\n";
    return exit_environment;
  }
  try {
    return run_suite(args, cases);
  } catch (const runner::Interrupted&) {
    std::cerr << "ctrlab run: interrupted; everything it made has been removed\n";
    return exit_interrupted;
  } catch (const runner::RunnerError& error) {
    std::cerr << "ctrlab run: " << error.what() << '\n';
    return exit_environment;
  }
}

}  // namespace

Command run_command() {
  return {"run", "run scenarios for real in a sandbox host and judge them", help, run_run};
}

}  // namespace ctrlab::cli
