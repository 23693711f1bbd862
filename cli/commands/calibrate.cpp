// ctrlab calibrate: what each phase of a container's start costs on this machine, measured.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <iostream>

#include "../args.hpp"
#include "../exit_codes.hpp"
#include "../files.hpp"
#include "../sandbox_boot.hpp"
#include "commands.hpp"
#include "ctrlab/autostart/calibrate.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/scenario_runner.hpp"

namespace ctrlab::cli {
namespace {

constexpr std::string_view help = R"(usage: ctrlab calibrate --out FILE [--payload probe|systemd] [--revision R]
                  [--at-once LIST] [--repeat K]

Measures what each phase of a container's start costs on this machine (the phases of
sim/calibrations/README.md) and writes a calibration file for `ctrlab sim --calibration`
and `ctrlab bench autostart --calibration`. In the sandbox host, containers as
`ctrlab bench autostart` starts them are started 1, 2, 4, 8, 24, 48 and 96 at once; each
phase's wall time comes from systemd's monotonic timestamps (the unit's state changes,
ExecMainStartTimestampMonotonic) and the probe's own clock, each unit's CPU from CPUUsageNSec.
A phase's time with one container alone is its latency plus its CPU work; how the starts
stretch with more at once splits the two, and the largest batches say how much each start's
setup costs more for every container starting with it (crowding) and how long the setups
queue behind each other (the serialised wait; the simulator is fitted to the measured ready
times). The file's `source` names the command, the machine, its cores, the date, the payload
and the load average.

Measure on a quiet machine. Needs root. Ctrl-C stops it and removes everything it made.

options:
  --out FILE            where to write the calibration (required)
  --payload P           systemd (default: this machine's systemd boots in each container)
                        or probe (ctrlab's probe, ready at once)
  --revision R          module revision of the containers: 2014, 2018, 2021, 2022 or 2025 (default)
  --at-once LIST        how many containers start at once, comma-separated, from 1 to 128
                        (default 1,2,4,8,24,48,96; must include 1)
  --repeat K            runs at each of them (default 2)

Exit codes: 0 written, 2 bad options, 3 this machine cannot run the sandbox (not root, the
boot failed), 4 interrupted (everything was cleaned up).
)";

constexpr std::size_t most_at_once = 128;

std::vector<std::size_t> parse_at_once(const std::string& text) {
  std::vector<std::size_t> counts;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    std::size_t count = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), count);
    if (error != std::errc{} || end != item.data() + item.size() || count < 1 || count > most_at_once) {
      throw UsageError("--at-once expects numbers from 1 to " + std::to_string(most_at_once) +
                       " separated by commas, got '" + text + "'");
    }
    counts.push_back(count);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  if (std::find(counts.begin(), counts.end(), 1U) == counts.end()) {
    throw UsageError("--at-once must include 1: a phase's cost is measured with one container alone");
  }
  return counts;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string text = "ctrlab calibrate";
  for (const auto& word : argv) text += " " + word;
  return text;
}

autostart::CalibrateRequest build_request(const Args& args, const std::vector<std::string>& argv) {
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals().front() + "'");
  if (!args.value("--out")) throw UsageError("--out FILE is required: where the calibration goes");
  autostart::CalibrateRequest request;
  if (const auto text = args.value("--payload")) {
    const auto payload = runner::parse_payload(*text);
    if (!payload) throw UsageError("--payload must be probe or systemd, got '" + *text + "'");
    request.payload = *payload;
  }
  if (const auto text = args.value("--revision")) {
    const auto revision = oracle::parse_revision(*text);
    if (!revision) throw UsageError("--revision must be " + oracle::revision_names() + ", got '" + *text + "'");
    request.revision = *revision;
  }
  if (const auto text = args.value("--at-once")) request.concurrency = parse_at_once(*text);
  if (const auto repeats = args.integer("--repeat")) {
    if (*repeats < 1 || *repeats > 20) throw UsageError("--repeat must be from 1 to 20");
    request.repeats = static_cast<std::size_t>(*repeats);
  }
  request.command = command_line(argv);
  return request;
}

int run_calibrate(const std::vector<std::string>& argv) {
  const Args args(argv, {.valued = {"--out", "--payload", "--revision", "--at-once", "--repeat"}, .flags = {}});
  const auto request = build_request(args, argv);
  const auto largest_batch = *std::max_element(request.concurrency.begin(), request.concurrency.end());
  return run_in_sandbox_host("calibrate", SandboxLoad{request.payload, largest_batch}, [&]() -> int {
    runner::InterruptWatch interrupts;
    const auto sandbox = boot_sandbox(std::cout);
    runner::ScenarioRunner scenario_runner(*sandbox);
    std::cout << "calibrating (" << runner::to_string(request.payload) << " payload)\n";
    const auto measured = autostart::calibrate(*sandbox, scenario_runner, request,
                                               [](const std::string& line) { std::cout << line << std::endl; });
    runner::InterruptWatch::throw_if_received("calibrate");
    const auto out = *args.value("--out");
    write_text_file(out, sim::calibration_document(measured.calibration).dump(2) + "\n");
    std::cout << "wrote " << out << '\n';
    return exit_ok;
  });
}

}  // namespace

Command calibrate_command() {
  return {"calibrate", "measure what a container's start costs on this machine: a calibration file", help,
          run_calibrate};
}

}  // namespace ctrlab::cli
