// ctrlab bench autostart: mass autostart for real, its bare baseline and the simulator's
// prediction, side by side.

#include <iomanip>
#include <iostream>

#include "../args.hpp"
#include "../calibration_file.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../sandbox_boot.hpp"
#include "commands.hpp"
#include "ctrlab/autostart/bench.hpp"
#include "ctrlab/autostart/bench_document.hpp"
#include "ctrlab/oracle/time_span.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/scenario_runner.hpp"
#include "ctrlab/sim/input_error.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab bench autostart --containers N [--revision R] [--payload probe|systemd]
                  [--timeout-start SPAN] [--settle-timeout S] [--repeat K] [--out DIR] [--json]
                  [--calibration FILE]

Starts N autoStart containers for real in the sandbox host, the way boot starts them: through
their target (machines.target), each as a real host declares it (its own veth, a host and a
local address, a forwarded port), rendered by the module revision. Per container, from
systemd's monotonic timestamps over D-Bus: start job queued until the unit is active (ready as
systemd sees it) and, separately, until the container's own boot finished (the payload says
so). Then, in the same sandbox, the bare baseline: the same N predicted systemd-nspawn argvs as
plain transient services started at once. And the simulator's prediction for the same N, with
a calibration of this machine measured first (as `ctrlab calibrate` does) unless --calibration
is given. Prints p50/p90/p99/max and the time until all are ready, side by side with the
error of the prediction in %, timeouts, restarts, start-limit hits and the peak CPU load.

Measure on a quiet machine: every figure depends on what else runs (the load average before
each run is reported with it). Needs root. Ctrl-C stops it and removes everything it made.

options:
  --containers N        how many containers (required; 1 to 1000)
  --revision R          module revision: 2014, 2018, 2021, 2022 or 2025 (default)
  --payload P           what each container boots: systemd (default: this machine's systemd
                        as its init, a real boot) or probe (ctrlab's probe, ready at once)
  --timeout-start SPAN  the containers' timeoutStartSec (15s, 2min; 2021 and later)
  --settle-timeout S    watch each start for at most S seconds (default 1800): a start that
                        never settles (containers timing out and restarting without end, as
                        in nixpkgs #65001) is counted over this window, and so is the prediction
  --repeat K            measure K times (default 1); figures are medians over the runs
  --calibration FILE    predict with this calibration instead of measuring one
  --out DIR             write DIR/bench.json and DIR/bench.html (ready over time as SVG)
  --json                print the result as one JSON object (progress goes to stderr)

Exit codes: 0 measured, 2 bad options or calibration file, 3 this machine cannot run the
sandbox (not root, the boot failed), 4 interrupted (everything was cleaned up).
)";

constexpr long long most_repeats = 100;
constexpr long long most_settle_seconds = 24 * 3600;

autostart::BenchRequest build_request(const Args& args) {
  if (args.positionals().size() != 1 || args.positionals().front() != "autostart") {
    throw UsageError(args.positionals().empty() ? "say what to benchmark: ctrlab bench autostart ..."
                                                : "unknown benchmark '" + args.positionals().front() +
                                                      "'; the one there is: autostart");
  }
  autostart::BenchRequest request;
  const auto containers = args.integer("--containers");
  if (!containers) throw UsageError("--containers N is required");
  if (*containers < 1 || *containers > static_cast<long long>(autostart::most_containers)) {
    throw UsageError("--containers must be from 1 to " + std::to_string(autostart::most_containers));
  }
  request.fleet.containers = static_cast<std::size_t>(*containers);
  if (const auto text = args.value("--revision")) {
    const auto revision = oracle::parse_revision(*text);
    if (!revision) throw UsageError("--revision must be " + oracle::revision_names() + ", got '" + *text + "'");
    request.fleet.revision = *revision;
  }
  if (const auto text = args.value("--payload")) {
    const auto payload = runner::parse_payload(*text);
    if (!payload) throw UsageError("--payload must be probe or systemd, got '" + *text + "'");
    request.payload = *payload;
  }
  if (const auto text = args.value("--timeout-start")) {
    if (!oracle::parse_time_span(*text)) {
      throw UsageError("--timeout-start expects a time span such as 15s, 2min or infinity, got '" + *text + "'");
    }
    request.fleet.timeout_start = *text;
  }
  if (const auto seconds = args.integer("--settle-timeout")) {
    if (*seconds < 1 || *seconds > most_settle_seconds) {
      throw UsageError("--settle-timeout must be from 1 to " + std::to_string(most_settle_seconds) + " seconds");
    }
    request.settle_timeout = std::chrono::seconds(*seconds);
  }
  if (const auto repeats = args.integer("--repeat")) {
    if (*repeats < 1 || *repeats > most_repeats) throw UsageError("--repeat must be from 1 to " + std::to_string(most_repeats));
    request.repeats = static_cast<std::size_t>(*repeats);
  }
  if (const auto path = args.value("--calibration")) request.calibration = read_calibration_file(*path);
  // One container tells whether the module renders what was asked, before anything boots.
  (void)autostart::expect_fleet({1, request.fleet.revision, request.fleet.timeout_start});
  return request;
}

void print_row(std::ostream& out, std::string_view label, const autostart::ReadyFigures& figures) {
  out << "  " << std::left << std::setw(16) << label << std::right;
  for (const auto& key : autostart::figure_keys) {
    const auto& value = figures.*key.member;
    std::ostringstream cell;
    if (value) cell << std::fixed << std::setprecision(2) << value->count() << " s";
    out << std::setw(11) << (value ? cell.str() : "-");
  }
  out << '\n';
}

void print_text(const autostart::BenchRun& run, std::ostream& out) {
  const auto figures = autostart::figures_of(run);
  out << '\n' << run.request.fleet.containers << " containers, revision " << oracle::to_string(run.request.fleet.revision)
      << ", " << runner::to_string(run.request.payload) << " payload, " << run.request.repeats
      << " run(s) (medians), calibration " << run.calibration.name << "\n\n";
  out << "  " << std::setw(16) << "";
  for (const auto& key : autostart::figure_keys) out << std::setw(11) << key.name;
  out << '\n';
  print_row(out, "measured", figures.measured);
  print_row(out, "predicted", figures.predicted);
  out << "  " << std::left << std::setw(16) << "error" << std::right;
  for (const auto& percent : figures.error.percent) {
    std::ostringstream cell;
    if (percent) cell << std::showpos << std::fixed << std::setprecision(1) << *percent << " %";
    out << std::setw(11) << (percent ? cell.str() : "-");
  }
  out << '\n';
  print_row(out, "bare nspawn", figures.bare);
  print_row(out, "boot finished", figures.boot_finished);
  const auto& predicted = run.predicted.summary;
  out << std::fixed << std::setprecision(1) << "\n  ready " << figures.ready << ", timed out " << figures.timed_out
      << ", restarts " << figures.restarts << ", start-limit hits " << figures.start_limit_hits << " (predicted "
      << predicted.ready << ", " << predicted.timed_out << ", " << predicted.restarts << ", " << predicted.start_limit_hits
      << ")\n  peak " << figures.peak_busy_cores << " cores busy, " << figures.peak_runnable
      << " tasks runnable; load average before " << std::setprecision(2) << figures.load_before << '\n';
}

// The bench itself, in a sandbox of its own: measured, written where --out says, printed.
int measure_and_report(const Args& args, const autostart::BenchRequest& request, std::ostream& console) {
  runner::InterruptWatch interrupts;
  const auto sandbox = boot_sandbox(console);
  runner::ScenarioRunner scenario_runner(*sandbox);
  const auto bench = autostart::run_bench(*sandbox, scenario_runner, request,
                                          [&console](const std::string& line) { console << line << std::endl; });
  runner::InterruptWatch::throw_if_received("benchmark");
  const auto document = autostart::bench_document(bench);
  if (const auto out = args.value("--out")) {
    write_text_file(std::filesystem::path(*out) / "bench.json", document.dump(2) + "\n");
    write_text_file(std::filesystem::path(*out) / "bench.html", autostart::bench_page(bench));
    console << "wrote " << *out << "/bench.json and " << *out << "/bench.html\n";
  }
  if (args.flag("--json")) {
    std::cout << document.dump(2) << '\n';
  } else {
    print_text(bench, std::cout);
  }
  return exit_ok;
}

int run_bench(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--containers", "--revision", "--payload", "--timeout-start", "--settle-timeout", "--repeat", "--out",
                                    "--calibration"},
                         .flags = {"--json"}});
  autostart::BenchRequest request;
  try {
    request = build_request(args);
  } catch (const sim::InputError& error) {
    std::cerr << "ctrlab bench: " << error.what() << '\n';
    return exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab bench: " << error.what() << '\n';
    return exit_input_error;
  } catch (const autostart::RequestError& error) {
    std::cerr << "ctrlab bench: " << error.what() << '\n';
    return exit_input_error;
  }
  const bool json = args.flag("--json");
  std::ostream& console = json ? std::cerr : std::cout;
  return run_in_sandbox_host("bench", SandboxLoad{request.payload, request.fleet.containers}, [&]() -> int {
    try {
      return measure_and_report(args, request, console);
    } catch (const autostart::RequestError& error) {
      std::cerr << "ctrlab bench: " << error.what() << '\n';
      return exit_input_error;
    }
  });
}

}  // namespace

Command bench_command() {
  return {"bench", "measure mass autostart for real, against its bare baseline and the simulator", help, run_bench};
}

}  // namespace ctrlab::cli
