// ctrlab run: predict, run for real in the sandbox host, observe, judge.

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../jobs_option.hpp"
#include "../report_writer.hpp"
#include "../suite_input.hpp"
#include "../version.hpp"
#include "commands.hpp"
#include "ctrlab/oracle.hpp"
#include "../sandbox_boot.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/reports/formats.hpp"
#include "ctrlab/suite/suite.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help_head = R"(usage: ctrlab run SCENARIO.json|DIR... [--out DIR] [--json] [--root DIR] [--filter REGEX]
                  [--shard I/N] [--revision R] [--jobs N] [--settle-timeout SECONDS] [--verbose]

Runs each scenario for real and judges it against the prediction. A sandbox host runs the
cases one after another: a private systemd booted from this machine's /usr by
systemd-nspawn in its own namespaces (its own network namespace: this machine's network,
units and files are never touched). With --jobs N, N sandbox hosts, each a whole one of its
own, run the cases side by side, each taking the next case when it is done with one. For
each scenario and module revision it installs what the module renders (env file,
container@ units, the /nix paths the nspawn argv binds, ctrlab's probe as every
container's init), starts the units (autoStart ones through their targets, as
boot does), records what systemd reports over D-Bus until every unit has settled, then
judges: the systemd-nspawn argv really exec'd (from /proc), the unit properties as systemd
loaded them, every network command's result, links, addresses and routes in the sandbox's
and each container's namespace (and the sandbox's after the stop), reachability (ICMP echo,
TCP to a listener the probe opens, forwarded ports), the container's mounts and whether its
root is left after the stop, the user namespace its init runs in (its own or the sandbox's,
and its uid_map), and the unit's states and restarts against the simulator's prediction. Where the sandbox must differ from a NixOS host, the difference is a listed
adaptation, shown beside the verdict.

A DIR means every *.json below it. A case is a scenario under one of the revisions it lists
(all by default). Needs root. Ctrl-C stops the run and removes everything it made; a run that
was killed is cleaned up by the next one. A case that did not pass is reported with its cause
("container@web.service timed out after 2s", "nspawn refused its argv: ..."), its units'
journals and the runner's log; when ctrlab's own side broke (the sandbox, the runner, the
probe) it is an error rather than a failure. A scenario file that does not parse is an errored
case naming the file and the JSON path; the rest of the suite still runs and is reported.

options:
  --out DIR             write each case's observation and verdict as DIR/cases/NAME.REV.json
                        and the suite report (junit.xml, report.json, report.html, summary.md)
  --json                print the suite's report (report.json's content) on stdout; the
                        progress goes to stderr
)";
constexpr std::string_view help_tail = R"(  --jobs N              run the cases on N sandbox hosts side by side (1 to 64; default: one
                        per core, as many as root's inotify instances leave room for, and no
                        more than there are cases). The reports, their order and the exit
                        code are the same with any N; a line per case says "[K/TOTAL]" as
                        each ends, in the order they end
  --settle-timeout S    give up waiting for a scenario's units after S seconds (default 120)
  --verbose             print the runner's progress within each scenario, each line headed
                        by its case

Exit codes: 0 every case as predicted, 1 a case differed or could not be run,
2 bad usage or a scenario that does not parse (the message names the JSON path; the rest
was run and reported), 3 this machine cannot run the sandbox (not root, no systemd-nspawn,
the boot failed), 4 interrupted (everything was cleaned up), 70 internal error.
)";
const std::string help = std::string(help_head) + std::string(suite_options_help) + std::string(help_tail);

std::filesystem::path record_path(const std::filesystem::path& out, const suite::Case& c) {
  std::string file_name = c.name;
  std::replace(file_name.begin(), file_name.end(), '/', '.');
  return out / "cases" / (file_name + "." + std::string(oracle::to_string(c.revision)) + ".json");
}

// The console: a line per case as it ends, the details of each that did not pass below it;
// with --verbose, the runner's lines headed by their case. run_suite calls these one at a time.
suite::SuiteProgress console_progress(std::ostream& console, bool verbose, const std::optional<std::string>& out) {
  suite::SuiteProgress progress;
  progress.sandbox_booted = [&console](const runner::Sandbox& sandbox) { describe_boot(console, sandbox); };
  progress.case_finished = [&console, out](std::size_t finished, std::size_t count, const suite::Case& c,
                                           const suite::CaseOutcome& outcome) {
    if (out && !outcome.record.is_null()) write_text_file(record_path(*out, c), outcome.record.dump(2) + "\n");
    console << "[" << finished << "/" << count << "] " << c.label() << ": " << reports::to_string(outcome.report.status)
            << " (" << std::fixed << std::setprecision(1) << outcome.report.seconds << " s)\n"
            << outcome.details << std::flush;
  };
  if (verbose) {
    progress.case_line = [&console](const suite::Case& c, const std::string& line) {
      console << "      [" << c.label() << "] " << line << '\n';
    };
  }
  return progress;
}

int run_suite(const Args& args, const SuiteInput& input, std::size_t jobs) {
  // With --json, stdout holds the report alone.
  std::ostream& console = args.flag("--json") ? std::cerr : std::cout;
  runner::ScenarioRunOptions options;
  if (const auto seconds = args.integer("--settle-timeout")) options.settle_timeout = std::chrono::seconds(*seconds);
  const auto out = args.value("--out");
  for (const auto& unreadable : input.unreadable) console << "  " << unreadable.scenario << ": error: " << unreadable.cause << '\n';

  runner::InterruptWatch interrupts;
  if (!input.cases.empty()) {
    console << (jobs == 1 ? std::string("booting the sandbox host...")
                          : "booting " + std::to_string(jobs) + " sandbox hosts side by side (--jobs " +
                                std::to_string(jobs) + ")...")
            << std::endl;
  }
  const auto boot = [jobs] { return boot_quiet_sandbox(jobs); };
  auto suite = suite::run_suite(boot, jobs, input.cases, options, console_progress(console, args.flag("--verbose"), out),
                                input.unreadable);
  suite.report.ctrlab_version = std::string(ctrlab_version);
  runner::InterruptWatch::throw_if_received("run the suite");
  for (const auto& why : suite.sandboxes_not_booted) {
    console << "a sandbox host did not boot (the others ran its cases): " << why << '\n';
  }
  if (out) {
    // Each file is written whole or not at all; a signal meanwhile still ends the run as interrupted.
    for (const auto& path : write_report_files(suite.report, *out)) console << "wrote " << path.string() << '\n';
    runner::InterruptWatch::throw_if_received("write the reports");
  }
  if (args.flag("--json")) std::cout << reports::to_json(suite.report).dump(1) << '\n';
  const auto counts = reports::count_cases(suite.report);
  console << counts.passed << " passed, " << counts.failed << " failed, " << counts.errors << " errors, " << counts.skipped
          << " skipped\n";
  if (!input.unreadable.empty()) return exit_input_error;
  return suite.not_passed == 0 ? exit_ok : exit_mismatch;
}

int run_run(const std::vector<std::string>& argv) {
  auto valued = suite_options;
  valued.insert({"--out", "--settle-timeout", "--jobs"});
  const Args args(argv, {.valued = valued, .flags = {"--verbose", "--json"}});
  if (args.positionals().empty()) throw UsageError("give at least one scenario file or directory");
  const auto jobs_option = JobsOption::parse(args);
  SuiteInput input;
  try {
    input = load_suite(args);
  } catch (const FileError& error) {
    std::cerr << "ctrlab run: " << error.what() << '\n';
    return exit_input_error;
  }
  const auto jobs = jobs_option.for_cases(input.cases.size());
  return run_in_sandbox_host("run", SandboxLoad{runner::Payload::probe, 0, jobs}, [&] { return run_suite(args, input, jobs); });
}

}  // namespace

Command run_command() {
  return {"run", "run scenarios for real in a sandbox host and judge them", help, run_run};
}

}  // namespace ctrlab::cli
