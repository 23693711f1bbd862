#include "ctrlab/runner/scenario_runner.hpp"

#include <signal.h>

#include <algorithm>
#include <array>
#include <set>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/tools.hpp"
#include "ctrlab/runner/unit_recorder.hpp"
#include "scenario/adaptations.hpp"
#include "scenario/observe.hpp"
#include "system/files.hpp"
#include "system/inotify.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

using Clock = sys::Clock;

const std::vector<std::string> container_unit_patterns = {"container@*", "container-*"};
constexpr auto cleanup_timeout = std::chrono::seconds(10);

std::set<std::string> link_names(const oracle::NamespaceState& state) {
  std::set<std::string> names;
  for (const auto& link : state.links) names.insert(link.name);
  return names;
}

std::string joined(const std::vector<std::string>& words, const char* separator = ", ") {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

bool is_at_rest(const oracle::UnitStateChange& state) {
  return state.active_state == "inactive" || state.active_state == "failed";
}

}  // namespace

struct ScenarioRunner::State {
  Sandbox& sandbox;
  SystemdClient systemd;
  std::set<std::string> clean_links;

  explicit State(Sandbox& the_sandbox) : sandbox(the_sandbox), systemd(the_sandbox.bus_address()) {}

  Clock::time_point run_started;

  void say(const ScenarioRunOptions& options, const std::string& line) const {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - run_started).count();
    if (options.progress) options.progress(std::to_string(elapsed) + " ms: " + line);
  }

  // What is left of earlier scenarios: loaded container units, links, the module's files.
  std::vector<std::string> leftovers() {
    std::vector<std::string> found;
    for (const auto& unit : systemd.list_units(container_unit_patterns)) {
      const auto status = systemd.status(unit);
      found.push_back("unit " + unit + " (" + status.load_state + ", " + status.active_state + "/" + status.sub_state + ")");
    }
    for (const auto& link : link_names(observe::sandbox_network(sandbox))) {
      if (!clean_links.contains(link)) found.push_back("link " + link);
    }
    if (std::filesystem::exists(sandbox.host_path("/nix"))) found.push_back("/nix");
    return found;
  }

  void require_clean(const std::string& when) {
    // Unloading units whose files are gone happens in systemd's event loop, just after a reload.
    std::vector<std::string> found;
    systemd.run_until([&] { return (found = leftovers()).empty(); }, Clock::now() + std::chrono::seconds(2));
    if (!found.empty()) throw RunnerError("isolation check " + when, "the sandbox still has " + joined(found));
  }
};

namespace {

InstallationInputs installation_inputs(const oracle::Scenario& scenario, const oracle::Prediction& prediction) {
  InstallationInputs inputs;
  inputs.prediction = &prediction;
  for (const auto& [name, script] : scenario.probes) inputs.probes.emplace(name.value, script);
  inputs.host_interfaces = scenario.host.network.interfaces;
  inputs.probe_inside = Sandbox::tool_path_inside(tools::probe_program);
  inputs.commands_tool_inside = Sandbox::tool_path_inside(tools::commands_program);
  return inputs;
}

// Settled: up with a probe that stays up, or at rest with nothing more to come. A unit is
// looked at again only when systemd reported a change for it or a probe wrote a report.
class SettleCheck {
 public:
  SettleCheck(const Sandbox& sandbox, SystemdClient& systemd, const UnitRecorder& recorder,
              const std::vector<InstalledUnit>& units)
      : sandbox_(sandbox), systemd_(systemd), recorder_(recorder), units_(units) {}

  void reports_changed() { reports_changed_ = true; }

  bool all_settled() {
    for (const auto& unit : units_) {
      if (settled_.contains(unit.unit)) continue;
      const auto generation = recorder_.generation(unit.unit);
      const auto seen = seen_generation_.find(unit.unit);
      if (seen != seen_generation_.end() && seen->second == generation && !reports_changed_) continue;
      seen_generation_[unit.unit] = generation;
      if (settled(unit)) settled_.insert(unit.unit);
    }
    reports_changed_ = false;
    return settled_.size() == units_.size();
  }

  [[nodiscard]] std::vector<std::string> unsettled() const {
    std::vector<std::string> names;
    for (const auto& unit : units_) {
      if (!settled_.contains(unit.unit)) names.push_back(unit.unit);
    }
    return names;
  }

 private:
  bool settled(const InstalledUnit& unit) {
    if (recorder_.job_pending(unit.unit)) return false;
    const auto& state = recorder_.current_state(unit.unit);
    if (state.active_state == "active") return probe_stays_up(unit);
    if (!is_at_rest(state)) return false;
    // A failed unit may be about to restart; systemd's reply comes after every signal it sent
    // before, so its state now is the truth.
    const auto now = systemd_.status(unit.unit);
    return (now.active_state == "inactive" || now.active_state == "failed") && !now.job_pending &&
           now.sub_state != "auto-restart";
  }

  bool probe_stays_up(const InstalledUnit& unit) const {
    const auto report = observe::latest_probe_report(sandbox_, unit.probe_state_dir);
    return report && report->up && unit.script.for_boot(report->boot).action == oracle::BootAction::stay_up;
  }

  const Sandbox& sandbox_;
  SystemdClient& systemd_;
  const UnitRecorder& recorder_;
  const std::vector<InstalledUnit>& units_;
  std::set<std::string> settled_;
  std::map<std::string, std::uint64_t> seen_generation_;
  bool reports_changed_ = false;
};

}  // namespace

ScenarioRunner::ScenarioRunner(Sandbox& sandbox) : state_(std::make_unique<State>(sandbox)) {
  state_->clean_links = link_names(observe::sandbox_network(sandbox));
}

ScenarioRunner::~ScenarioRunner() = default;

SystemdClient& ScenarioRunner::systemd() { return state_->systemd; }

ScenarioRun ScenarioRunner::run(const oracle::Scenario& scenario, const oracle::Prediction& prediction,
                                const ScenarioRunOptions& options) {
  auto& s = *state_;
  const auto started = Clock::now();
  s.run_started = started;
  ScenarioRun run;
  if (prediction.error) {
    run.problems.push_back("not run: the module refuses the spec: " + prediction.error->message);
    return run;
  }
  s.require_clean("before the scenario");
  const auto installation = plan_installation(installation_inputs(scenario, prediction));
  run.observation.adaptations = installation.adaptations;
  for (const auto& unit : s.sandbox.options().masked_units) {
    run.observation.adaptations.push_back(adaptations::unit_masked(unit));
  }
  run.observation.adaptations.push_back(adaptations::only_generators(s.sandbox.options().generators));
  std::vector<std::string> units;
  for (const auto& unit : installation.units) units.push_back(unit.unit);

  bool installed = false;
  const auto reset_failed = [&] {
    for (const auto& unit : units) {
      try {
        s.systemd.reset_failed_unit(unit);
      } catch (const RunnerError&) {
        // not loaded (any more): nothing to reset
      }
    }
  };
  // New unit files are loaded on demand; only new dependencies of loaded targets (wantedBy)
  // need a reload, which costs more than everything else a scenario does.
  const bool adds_dependencies = std::any_of(installation.units.begin(), installation.units.end(),
                                             [](const InstalledUnit& unit) { return !unit.start_targets.empty(); });
  const auto take_back = [&] {
    for (const auto& unit : units) {
      try {
        s.systemd.unref_unit(unit);
      } catch (const RunnerError&) {
        // never referenced
      }
    }
    reset_failed();  // systemd unloads a unit that is neither failed nor referenced
    uninstall(s.sandbox, installation);
    if (adds_dependencies) s.systemd.reload();
    s.require_clean("after the scenario");
  };
  try {
    s.say(options, "installing " + std::to_string(units.size()) + " unit(s)");
    installed = true;
    const auto stand_ins = install(s.sandbox, installation);
    if (adds_dependencies) s.systemd.reload();
    for (const auto& unit : units) s.systemd.ref_unit(unit);
    s.say(options, adds_dependencies ? "installed; systemd reloaded for the targets' new dependencies" : "installed");

    sys::DirectoryWatch report_watch;
    for (const auto& unit : installation.units) report_watch.add(s.sandbox.host_path(unit.probe_state_dir));
    UnitRecorder recorder(s.systemd, s.sandbox, units);
    std::set<std::string> targets;
    for (const auto& unit : installation.units) {
      if (unit.start_targets.empty()) s.systemd.start_unit(unit.unit);
      targets.insert(unit.start_targets.begin(), unit.start_targets.end());
    }
    const auto start_requested = Clock::now();
    for (const auto& target : targets) s.systemd.start_unit(target);
    s.say(options, "started " + joined(units) + (targets.empty() ? "" : " (through " + joined(std::vector(targets.begin(), targets.end())) + ")"));

    SettleCheck settle(s.sandbox, s.systemd, recorder, installation.units);
    const auto report_written = [&] {
      report_watch.drain();
      settle.reports_changed();
    };
    if (!recorder.run_until([&] { return settle.all_settled(); }, started + options.settle_timeout,
                            {report_watch.poll_entry()}, report_written)) {
      run.problems.push_back("did not settle within " + std::to_string(options.settle_timeout.count()) +
                             " ms: " + joined(settle.unsettled()));
    }
    run.settled_after = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_requested);
    s.say(options, "settled; observing");

    const auto properties = observe::unit_properties(s.sandbox, units);
    oracle::NetworkState network{observe::sandbox_network(s.sandbox), {}};
    for (const auto& unit : installation.units) {
      auto reports = observe::probe_reports(s.sandbox, unit.probe_state_dir);
      oracle::ContainerObservation container;
      const auto& argvs = recorder.exec_argvs(unit.unit);
      if (!argvs.empty()) container.nspawn_argv = argvs.front();
      if (properties.contains(unit.unit)) container.unit_properties = properties.at(unit.unit);
      container.operations = observe::operations(s.sandbox, unit, reports);
      container.unit_history = recorder.history(unit.unit);
      if (container.unit_history->changes.back().active_state != "active") {
        run.unit_logs.emplace(unit.unit, observe::unit_log(s.sandbox, unit.unit));
      }
      if (auto space = observe::container_network(s.sandbox, recorder.main_pid(unit.unit))) {
        network.containers.emplace(unit.container, *std::move(space));
      }
      run.observation.containers.emplace(unit.container, std::move(container));
      run.probe_reports.emplace(unit.container, std::move(reports));
    }
    oracle::resolve_link_references(network);
    run.observation.network = std::move(network);

    s.say(options, "stopping");
    for (const auto& unit : units) s.systemd.stop_unit(unit);
    const auto all_at_rest = [&] {
      return std::all_of(units.begin(), units.end(), [&](const auto& unit) {
        return !recorder.job_pending(unit) && is_at_rest(recorder.current_state(unit));
      });
    };
    if (!recorder.run_until(all_at_rest, Clock::now() + options.stop_timeout)) {
      for (const auto& unit : units) {
        if (!is_at_rest(recorder.current_state(unit))) s.systemd.kill_unit(unit, SIGKILL);
      }
      if (!recorder.run_until(all_at_rest, Clock::now() + cleanup_timeout)) {
        throw RunnerError("stop the units", "still running after SIGKILL");
      }
    }
    std::string stopped;
    for (const auto& unit : units) {
      const auto& state = recorder.current_state(unit);
      stopped += (stopped.empty() ? "" : ", ") + unit + " " + state.active_state + "/" + state.sub_state;
    }
    s.say(options, "stopped: " + stopped);
    run.observation.host_after_stop = observe::sandbox_network_once_containers_are_gone(s.sandbox);
    installed = false;
    take_back();
    s.say(options, "uninstalled; the sandbox is clean");
  } catch (const Interrupted&) {
    throw;  // the sandbox is taken down as a whole
  } catch (...) {
    if (installed) {
      try {
        for (const auto& unit : units) s.systemd.kill_unit(unit, SIGKILL);
      } catch (const RunnerError&) {
      }
      take_back();
    }
    throw;
  }
  run.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  return run;
}

}  // namespace ctrlab::runner
