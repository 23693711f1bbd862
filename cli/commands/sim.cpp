#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "../args.hpp"
#include "../calibration_file.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../revision_option.hpp"
#include "commands.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/oracle/time_span.hpp"
#include "ctrlab/sim/autostart.hpp"
#include "ctrlab/sim/input_error.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab sim --containers N [--cores C] [--timeout-start SPAN]
                  [--calibration FILE] [--revision R] [--seed S] [--horizon SPAN] [--json]

Simulates N container@ units started together by machines.target at boot, with a
discrete-event model of systemd and systemd-nspawn (nothing is started on this machine),
and prints when the containers become ready: percentiles of the time from boot until each
is ready (p50/p90/p99/max), how many timed out, restarted and hit their start limit, and
the time until all are ready. Each start costs CPU work shared by all runnable processes
(processor sharing on C cores) plus fixed latencies, as the calibration says.

options:
  --containers N        how many containers autostart (required; 1 to 10000000)
  --cores C             the machine's cores (default: the calibration's)
  --timeout-start SPAN  TimeoutStartSec= as systemd writes it: 15s, 1min, 2min 30s,
                        infinity (0 also means no timeout). Default: what the module
                        renders (1min since 2021; systemd's 90s for 2018)
  --calibration FILE    what each step of a start costs, as JSON (format: see
                        sim/calibrations/README.md). Default: the built-in
                        sim/calibrations/nixos-container.json
  --revision R          the module revision whose unit is simulated: 2014, 2018, 2021, 2022
                        or 2025 (default). 2018 stops containers with KillSignal=WINCH, which
                        nspawn ignores; 2014 units are Type=simple and never time out
  --seed S              seed for the calibration's cost spread (default: the calibration's)
  --horizon SPAN        simulate at most this long (default 1h); containers still
                        restarting then count as never ready
  --json                print the summary as one JSON object

Example: nixpkgs issue #65001, 100 containers at boot with a 15 s start timeout:
  ctrlab sim --containers 100 --calibration sim/calibrations/issue-65001.json --timeout-start 15s

Exit codes: 0 simulated, 2 bad options or a bad calibration file (the message names the
JSON path and what was expected).
)";

constexpr long long most_containers = 10'000'000;

sim::Duration parse_span_option(const Args& args, std::string_view name, sim::Duration fallback) {
  const auto text = args.value(name);
  if (!text) return fallback;
  const auto span = oracle::parse_time_span(*text);
  if (!span) {
    throw UsageError("option '" + std::string(name) + "' expects a time span such as 15s, 1min or infinity, got '" +
                     *text + "'");
  }
  return *span;
}

sim::Calibration load_calibration(const Args& args) {
  const auto path = args.value("--calibration");
  return path ? read_calibration_file(*path) : sim::builtin_calibration("nixos-container");
}

sim::AutostartRequest build_request(const Args& args) {
  sim::AutostartRequest request;
  const auto containers = args.integer("--containers");
  if (!containers) throw UsageError("--containers N is required");
  if (*containers < 1 || *containers > most_containers) {
    throw UsageError("--containers must be from 1 to " + std::to_string(most_containers));
  }
  request.containers = static_cast<std::size_t>(*containers);
  if (const auto cores = args.integer("--cores")) {
    if (*cores < 1 || *cores > 65536) throw UsageError("--cores must be from 1 to 65536");
    request.cores = static_cast<unsigned>(*cores);
  }
  if (const auto text = args.value("--revision")) {
    request.unit = sim::reference_container_unit(revision_value("--revision", *text));
  }
  if (args.value("--timeout-start")) {
    const auto span = parse_span_option(args, "--timeout-start", sim::infinite_duration);
    request.unit.service.timeout_start = span.count() == 0 ? sim::infinite_duration : span;
  }
  request.horizon = parse_span_option(args, "--horizon", request.horizon);
  if (sim::is_infinite(request.horizon) || request.horizon.count() <= 0) {
    throw UsageError("--horizon must be a finite, positive time span");
  }
  if (const auto seed = args.integer("--seed")) request.seed = static_cast<std::uint64_t>(*seed);
  request.calibration = load_calibration(args);
  return request;
}

// "6min 32.4s", "12.3s", "1h", "2h 0min 0.5s" (zero parts left out, seconds to a tenth).
std::string human(sim::Duration span) {
  if (sim::is_infinite(span)) return "infinity";
  const auto tenths = static_cast<long long>(std::llround(static_cast<double>(span.count()) / 1e5));
  const long long hours = tenths / 36000;
  const long long minutes = tenths / 600 % 60;
  const long long second_tenths = tenths % 600;
  std::ostringstream text;
  if (hours > 0) text << hours << 'h';
  if (minutes > 0) text << (hours > 0 ? " " : "") << minutes << "min";
  if (second_tenths > 0 || tenths == 0) {
    text << (tenths >= 600 ? " " : "") << second_tenths / 10 << '.' << second_tenths % 10 << 's';
  }
  return text.str();
}

std::string human(const std::optional<sim::Duration>& span) { return span ? human(*span) : "-"; }

void print_text(const sim::AutostartRequest& request, const sim::AutostartSummary& summary, std::ostream& out) {
  const auto& service = request.unit.service;
  out << summary.containers << " containers autostarting on " << summary.cores << " cores\n"
      << "  calibration " << request.calibration.name << ", TimeoutStartSec=" << sim::format_duration(service.timeout_start)
      << ", Restart=" << sim::to_string(service.restart) << ", seed "
      << (request.seed != 0 ? request.seed : request.calibration.seed) << "\n\n";
  const auto row = [&out](std::string_view label) -> std::ostream& {
    return out << "  " << std::left << std::setw(16) << label;
  };
  row("ready") << summary.ready << " of " << summary.containers << '\n';
  row("ready after") << "p50 " << human(summary.p50) << ", p90 " << human(summary.p90) << ", p99 "
                     << human(summary.p99) << ", max " << human(summary.max) << '\n';
  row("all ready") << (summary.all_ready_after ? "after " + human(*summary.all_ready_after)
                                               : "not within " + human(request.horizon))
                   << '\n';
  row("timed out") << summary.timed_out << " containers (" << summary.start_timeouts << " start timeouts)\n";
  row("restarts") << summary.restarts << '\n';
  row("start limit hit") << summary.start_limit_hits << " containers\n";
  row("failed at end") << summary.failed_at_end << '\n';
  row("simulated") << human(summary.simulated) << (summary.settled ? "" : " (stopped at the horizon)") << ", "
                   << summary.events << " events, at most " << summary.peak_runnable << " runnable processes\n";
}

int run_sim(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--containers", "--cores", "--timeout-start", "--calibration", "--revision",
                                    "--seed", "--horizon"},
                         .flags = {"--json"}});
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals().front() + "'");
  sim::AutostartRequest request;
  try {
    request = build_request(args);
  } catch (const sim::InputError& error) {
    std::cerr << "ctrlab sim: " << error.what() << '\n';
    return exit_input_error;
  } catch (const FileError& error) {
    std::cerr << "ctrlab sim: " << error.what() << '\n';
    return exit_input_error;
  }
  const auto summary = sim::summarize(sim::simulate_autostart(request));
  if (args.flag("--json")) {
    nlohmann::json json = sim::summary_to_json(summary);
    json["calibration"] = request.calibration.name;
    const auto timeout = request.unit.service.timeout_start;
    json["timeoutStartSeconds"] =
        sim::is_infinite(timeout) ? nlohmann::json(nullptr) : nlohmann::json(static_cast<double>(timeout.count()) / 1e6);
    json["horizonSeconds"] = static_cast<double>(request.horizon.count()) / 1e6;
    std::cout << json.dump(2) << '\n';
  } else {
    print_text(request, summary, std::cout);
  }
  return exit_ok;
}

}  // namespace

Command sim_command() {
  return {"sim", "simulate mass autostart: when N containers are ready, timeouts, restarts", help, run_sim};
}

}  // namespace ctrlab::cli
