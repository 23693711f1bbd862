#include "cause.hpp"

#include <array>
#include <sstream>
#include <string_view>
#include <vector>

namespace ctrlab::suite {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// What a C++ program, the probe among them, prints when it dies of an uncaught exception or
// a failed assertion; the line that says why is the one to show.
constexpr std::array<std::string_view, 4> crash_marks = {"what():", "terminate called", "Assertion", "Segmentation fault"};

std::string crash_line(const std::string& journal) {
  const auto lines = lines_of(journal);
  for (const auto& mark : crash_marks) {
    for (const auto& line : lines) {
      if (contains(line, mark)) return line;
    }
  }
  return {};
}

// systemd's own lines about the unit, as `journalctl --output=cat` shows them: what is left is
// what the unit's processes (its scripts, nspawn, the init) printed.
constexpr std::array<std::string_view, 10> systemd_marks = {
    "Starting ", "Started ", "Stopping ", "Stopped ", "Failed to start ", ".service: ",
    "Scheduled restart job", "Deactivated successfully", "Consumed ", "Finished "};

std::vector<std::string> process_lines(const std::string& journal) {
  std::vector<std::string> lines;
  for (const auto& line : lines_of(journal)) {
    bool from_systemd = line.empty();
    for (const auto& mark : systemd_marks) from_systemd = from_systemd || contains(line, mark);
    if (!from_systemd) lines.push_back(line);
  }
  return lines;
}

// Words of a line that reports a failure, as nspawn and the tools the unit runs print them
// (preStart's "Could not terminate machine" is the module's routine noise, not among them).
constexpr std::array<std::string_view, 7> failure_marks = {"unrecognized option", "invalid option", "Failed to", "failed",
                                                           "rror", "not permitted", "refus"};
// Those that say nspawn did not accept its command line (getopt's and nspawn's own words).
constexpr std::array<std::string_view, 4> argv_marks = {"unrecognized option", "invalid option", "Failed to parse",
                                                        "requires an argument"};

template <std::size_t N>
bool has_any(std::string_view line, const std::array<std::string_view, N>& marks) {
  for (const auto& mark : marks) {
    if (contains(line, mark)) return true;
  }
  return false;
}

// The line without the program's path ("/nix/store/...-systemd/bin/systemd-nspawn: ").
std::string without_program(const std::string& line) {
  const auto colon = line.find(": ");
  if (line.starts_with('/') && colon != std::string::npos && line.find(' ') > colon) return line.substr(colon + 2);
  return line;
}

std::string first_failure(const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    if (has_any(line, failure_marks)) return without_program(line);
  }
  return {};
}

std::string journal_of(const runner::ScenarioRun& run, const std::string& unit) {
  const auto it = run.unit_logs.find(unit);
  return it == run.unit_logs.end() ? std::string() : it->second;
}

std::string property(const oracle::ContainerObservation& observed, const std::string& name) {
  if (!observed.unit_properties) return {};
  const auto it = observed.unit_properties->find(name);
  return it == observed.unit_properties->end() ? std::string() : it->second;
}

bool init_ever_ran(const runner::ScenarioRun& run, const std::string& container) {
  const auto it = run.probe_reports.find(container);
  return it != run.probe_reports.end() && !it->second.empty();
}

// How the unit's end differs from the prediction, as systemd tells it.
std::string unit_end(const std::string& container, const oracle::UnitHistory& predicted, const oracle::UnitHistory& observed,
                     const oracle::ContainerObservation& observation, const runner::ScenarioRun& run) {
  const auto& unit = observed.unit;
  if (observed.result == "timeout") {
    const auto timeout = property(observation, "TimeoutStartUSec");
    return unit + " timed out" + (timeout.empty() ? std::string() : " after " + timeout);
  }
  if (observed.result == "start-limit-hit") {
    return unit + " hit its start limit after " + std::to_string(observed.n_restarts) + " restarts";
  }
  const auto failure = first_failure(process_lines(journal_of(run, unit)));
  if (!init_ever_ran(run, container) && observed.exec_main_status != 0 && !failure.empty()) {
    return (has_any(failure, argv_marks) ? "nspawn refused its argv: " : "nspawn failed before the container's init ran: ") +
           failure;
  }
  if (observed.exec_main_code == "exited" && observed.exec_main_status != 0) {
    return unit + " exited with status " + std::to_string(observed.exec_main_status) +
           (failure.empty() ? std::string() : ": " + failure);
  }
  if (observed.exec_main_code == "killed" || observed.exec_main_code == "dumped") {
    return unit + " was killed by signal " + std::to_string(observed.exec_main_status);
  }
  return unit + " ended with result " + oracle::Difference::shown(observed.result) + " after " +
         std::to_string(observed.n_restarts) + " restarts, predicted " + oracle::Difference::shown(predicted.result) +
         " after " + std::to_string(predicted.n_restarts);
}

bool ends_alike(const oracle::UnitHistory& predicted, const oracle::UnitHistory& observed) {
  return predicted.result == observed.result && predicted.n_restarts == observed.n_restarts &&
         predicted.exec_main_status == observed.exec_main_status;
}

}  // namespace

Cause cause_of(const oracle::Expectation& expected, const runner::ScenarioRun& run) {
  if (!run.problems.empty()) {
    return {run.problems.front() + (run.problems.size() > 1 ? " (and " + std::to_string(run.problems.size() - 1) + " more)" : ""),
            true};
  }
  for (const auto& [container, boots] : run.probe_reports) {
    for (const auto& boot : boots) {
      if (!boot.error.empty()) return {"container init failed in " + container + ": " + boot.error, true};
    }
  }
  for (const auto& [container, observed] : run.observation.containers) {
    if (!observed.unit_history) continue;
    if (const auto line = crash_line(journal_of(run, observed.unit_history->unit)); !line.empty()) {
      return {"container init crashed in " + container + ": " + line, true};
    }
  }
  for (const auto& [container, observed] : run.observation.containers) {
    const auto predicted = expected.unit_histories.find(container);
    if (!observed.unit_history || predicted == expected.unit_histories.end()) continue;
    if (!ends_alike(predicted->second, *observed.unit_history)) {
      return {unit_end(container, predicted->second, *observed.unit_history, observed, run), false};
    }
  }
  return {};
}

}  // namespace ctrlab::suite
