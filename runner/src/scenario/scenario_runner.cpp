#include "ctrlab/runner/scenario_runner.hpp"

#include <signal.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>
#include <set>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/tools.hpp"
#include "ctrlab/runner/unit_recorder.hpp"
#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/nspawn_signals.hpp"
#include "ctrlab/oracle/unit_outcome.hpp"
#include "scenario/adaptations.hpp"
#include "sandbox/sandbox_processes.hpp"
#include "scenario/observe.hpp"
#include "scenario/observe_filesystem.hpp"
#include "scenario/observe_users.hpp"
#include "scenario/reachability.hpp"
#include "ctrlab/runner/sandbox_limits.hpp"
#include "scenario/settle_check.hpp"
#include "payload/boot_finished.hpp"
#include "system/inotify.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner {
namespace {

using Clock = sys::Clock;

const std::vector<std::string> container_unit_patterns = {"container@*", "container-*"};
constexpr auto cleanup_timeout = std::chrono::seconds(10);
constexpr auto unload_wait = std::chrono::seconds(2);
constexpr auto payload_boot_wait = std::chrono::seconds(60);

// The container's KillSignal as systemd loaded it (`systemctl show` prints its number).
std::optional<oracle::Signal> kill_signal(const ScenarioRun& run, const std::string& container) {
  const auto observed = run.observation.containers.find(container);
  if (observed == run.observation.containers.end() || !observed->second.unit_properties) return std::nullopt;
  const auto& properties = *observed->second.unit_properties;
  const auto value = properties.find("KillSignal");
  if (value == properties.end()) return std::nullopt;
  return oracle::parse_signal(value->second);
}

// TimeoutStopUSec as systemd loaded it ("1min 30s"), or "(not observed)".
std::string timeout_stop(const ScenarioRun& run, const std::string& container) {
  const auto observed = run.observation.containers.find(container);
  if (observed == run.observation.containers.end() || !observed->second.unit_properties) return "(not observed)";
  const auto value = observed->second.unit_properties->find("TimeoutStopUSec");
  return value == observed->second.unit_properties->end() ? "(not observed)" : value->second;
}

// A stop with this signal cannot end the container before TimeoutStopSec's SIGKILL.
bool leaves_the_container_running(std::optional<oracle::Signal> signal) {
  return signal && oracle::nspawn_signal_effect(*signal) == oracle::NspawnSignalEffect::container_keeps_running;
}

std::set<std::string> link_names(const oracle::NamespaceState& state) {
  std::set<std::string> names;
  for (const auto& link : state.links) names.insert(link.name);
  return names;
}

// "a, b, c"; past `shown` words, the count of the rest ("a, b and 198 more"): a progress
// line for hundreds of units stays a line.
std::string joined(const std::vector<std::string>& words, std::size_t shown = SIZE_MAX) {
  std::string text;
  for (std::size_t i = 0; i < words.size() && i < shown; ++i) text += (text.empty() ? "" : ", ") + words[i];
  if (words.size() > shown) text += " and " + std::to_string(words.size() - shown) + " more";
  return text;
}

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

InstallationInputs installation_inputs(const oracle::Expectation& expected, Payload payload) {
  InstallationInputs inputs;
  inputs.payload = payload;
  inputs.listeners = reachability::probe_listeners(expected.effects);
  inputs.prediction = &expected.rendering;
  for (const auto& [name, script] : expected.behaviours) inputs.probes.emplace(name.value, script);
  inputs.host_interfaces = expected.host.interfaces;
  if (expected.host.machine_id) inputs.machine_id = expected.host.machine_id->to_string();
  inputs.probe_inside = Sandbox::tool_path_inside(tools::probe_program);
  inputs.commands_tool_inside = Sandbox::tool_path_inside(tools::commands_program);
  return inputs;
}

// The sandbox and the connection to its systemd that every scenario of a suite uses, and the
// sandbox's clean state they are checked against.
struct Session {
  Sandbox& sandbox;
  SystemdClient systemd;
  std::set<std::string> clean_links;

  explicit Session(Sandbox& the_sandbox)
      : sandbox(the_sandbox), systemd(the_sandbox.bus_address()), clean_links(link_names(observe::sandbox_network(sandbox))) {
    reachability::turn_off_address_detection(sandbox.leader_pid());
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
    if (sandbox.files().exists("/nix")) found.push_back("/nix");
    return found;
  }

  void require_clean(const std::string& when) {
    // systemd unloads a unit it no longer needs in its own event loop, shortly after.
    std::vector<std::string> found;
    systemd.run_until([&] { return (found = leftovers()).empty(); }, Clock::now() + unload_wait);
    if (!found.empty()) throw RunnerError("isolation check " + when, "the sandbox still has " + joined(found));
  }
};

// One scenario's run, step by step. If a step fails, the destructor takes the installation
// back (not after SIGINT/SIGTERM: the sandbox is then taken down as a whole).
class Execution {
 public:
  Execution(Session& state, Installation installation, const ScenarioRunOptions& options)
      : s_(state), installation_(std::move(installation)), options_(options) {
    for (const auto& unit : installation_.units) units_.push_back(unit.unit);
    for (const auto& unit : installation_.units) targets_.insert(unit.start_targets.begin(), unit.start_targets.end());
  }
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;

  ~Execution() {
    if (!installed_ || InterruptWatch::received_signal() != 0) return;
    try {
      for (const auto& unit : units_) s_.systemd.kill_unit(unit, SIGKILL);
    } catch (const RunnerError&) {
      // not loaded
    }
    try {
      take_back();
    } catch (const std::exception& error) {
      std::cerr << "ctrlab: cleaning up after a failed scenario: " << error.what() << '\n';
    }
  }

  [[nodiscard]] std::vector<oracle::SandboxAdaptation> adaptations() const {
    auto all = installation_.adaptations;
    for (const auto& unit : s_.sandbox.options().masked_units) all.push_back(adaptations::unit_masked(unit));
    all.push_back(adaptations::only_generators(s_.sandbox.options().generators));
    all.push_back(adaptations::no_duplicate_address_detection(""));
    all.push_back(adaptations::presets(s_.sandbox.options().presets));
    return all;
  }

  void install() {
    say("installing " + std::to_string(units_.size()) + " unit(s)");
    installed_ = true;
    // New unit files, and targets not loaded yet, are loaded on demand with their .wants
    // directories; only a target loaded already needs a reload to learn its new dependencies,
    // and a reload costs more than everything else a scenario does.
    if (!targets_.empty()) {
      const auto loaded = s_.systemd.list_units({targets_.begin(), targets_.end()});
      loaded_targets_ = {loaded.begin(), loaded.end()};
    }
    installed_state_ = runner::install(s_.sandbox, installation_);
    if (!loaded_targets_.empty()) s_.systemd.reload();
    for (const auto& unit : units_) s_.systemd.ref_unit(unit);
    for (const auto& unit : installation_.units) {
      // The watch is taken on the directory the sandbox resolves, through a descriptor.
      if (const auto directory = s_.sandbox.files().open_directory(unit.probe_state_dir)) report_watch_.add(directory->path());
    }
    say(loaded_targets_.empty() ? "installed"
                                : "installed; systemd reloaded for the new dependencies of " +
                                      joined({loaded_targets_.begin(), loaded_targets_.end()}));
  }

  // Units without a target directly, the others through their targets, as boot starts them.
  void start() {
    recorder_.emplace(s_.systemd, s_.sandbox, units_);
    if (options_.on_start_requested) options_.on_start_requested();
    std::set<std::string> targets;
    for (const auto& unit : installation_.units) {
      if (unit.start_targets.empty()) s_.systemd.start_unit(unit.unit);
      targets.insert(unit.start_targets.begin(), unit.start_targets.end());
    }
    start_requested_ = Clock::now();
    for (const auto& target : targets) s_.systemd.start_unit(target);
    say("started " + joined(units_, 8) + (targets.empty() ? "" : " (through " + joined({targets.begin(), targets.end()}) + ")"));
  }

  void wait_until_settled(ScenarioRun& run) {
    SettleCheck settle(s_.sandbox, s_.systemd, *recorder_, installation_.units);
    const auto report_written = [&] {
      report_watch_.drain();
      settle.reports_changed();
    };
    if (!recorder_->run_until([&] { return settle.all_settled(); }, started_ + options_.settle_timeout,
                              {report_watch_.poll_entry()}, report_written)) {
      run.problems.push_back("did not settle within " + std::to_string(options_.settle_timeout.count()) +
                             " ms: " + joined(settle.unsettled()));
    }
    run.settled_after = since(start_requested_);
    if (options_.on_settled) options_.on_settled();
    say("settled");
  }

  void observe(ScenarioRun& run) {
    const auto properties = observe::unit_properties(s_.sandbox, units_);
    oracle::NetworkState network;
    if (!options_.units_only) network.host = observe::sandbox_network(s_.sandbox);
    std::vector<payload_boot::Booting> booting;
    const sandbox_processes::HostPids pids(s_.sandbox);  // read once: a container takes three look-ups
    for (const auto& unit : installation_.units) {
      auto reports = observe::probe_reports(s_.sandbox, unit.probe_state_dir);
      booting.push_back({unit.container, recorder_->main_pid(unit.unit),
                         reports.empty() ? std::nullopt : std::optional(reports.back())});
      oracle::ContainerObservation container;
      const auto& argvs = recorder_->exec_argvs(unit.unit);
      if (!argvs.empty()) container.nspawn_argv = argvs.front();
      if (properties.contains(unit.unit)) container.unit_properties = properties.at(unit.unit);
      container.operations = observe::operations(s_.sandbox, unit, reports);
      if (!reports.empty() && !reports.front().machine.empty()) container.machine = reports.front().machine;
      container.unit_history = recorder_->history(unit.unit);
      if (container.unit_history->changes.back().active_state != "active") {
        run.unit_logs.emplace(unit.unit, observe::unit_log(s_.sandbox, unit.unit));
      }
      if (options_.units_only) {
        run.observation.containers.emplace(unit.container, std::move(container));
        run.probe_reports.emplace(unit.container, std::move(reports));
        continue;
      }
      if (const auto init = sandbox_processes::first_child(pids, static_cast<pid_t>(recorder_->main_pid(unit.unit)))) {
        if (auto mounts = observe::container_mounts(*init)) container.filesystem.emplace().mounts = *std::move(mounts);
        container.users = observe::container_users(s_.sandbox, *init);
        if (auto space = observe::container_network(s_.sandbox, *init)) network.containers.emplace(unit.container, *std::move(space));
      }
      run.observation.containers.emplace(unit.container, std::move(container));
      run.probe_reports.emplace(unit.container, std::move(reports));
    }
    run.start_request_usec = recorder_->origin_usec();
    run.boot_finished_usec = payload_boot::finished(s_.sandbox, options_.payload, booting, payload_boot_wait);
    if (!options_.units_only) {
      oracle::resolve_link_references(network);
      run.observation.network = std::move(network);
    }
    say("observed");
  }

  // Every predicted probe, at once, from the sandbox's namespace and each running container's.
  void observe_reachability(ScenarioRun& run, const std::vector<oracle::ReachabilityExpectation>& expected) {
    reachability::Vantages vantages{{oracle::NamespaceId::host(), s_.sandbox.leader_pid()}};
    const sandbox_processes::HostPids pids(s_.sandbox);
    for (const auto& unit : installation_.units) {
      if (const auto init = observe::container_init(s_.sandbox, pids, recorder_->main_pid(unit.unit))) {
        vantages.emplace(oracle::NamespaceId::of_container(unit.container), *init);
      }
    }
    std::vector<oracle::ReachabilityProbe> probes;
    for (const auto& expectation : expected) probes.push_back(expectation.probe);
    run.observation.reachability = reachability::observe(probes, vantages);
    say("probed reachability (" + std::to_string(probes.size()) + " probes)");
  }

  std::size_t units_at_rest() const {
    return static_cast<std::size_t>(std::count_if(units_.begin(), units_.end(), [&](const auto& unit) {
      return !recorder_->job_pending(unit) && is_at_rest(recorder_->current_state(unit));
    }));
  }

  // Waits while the stop makes progress: each unit that comes to rest gives the others the stop
  // timeout again, so a crowd stopping side by side (each stop takes tens of milliseconds of
  // CPU) is not cut short, while a stop that hangs is. True when every unit came to rest.
  bool wait_for_the_stop() {
    for (std::size_t at_rest = units_at_rest(); at_rest < units_.size(); at_rest = units_at_rest()) {
      const auto another_at_rest = [&] { return units_at_rest() > at_rest; };
      if (!recorder_->run_until(another_at_rest, Clock::now() + options_.stop_timeout)) return false;
    }
    return true;
  }

  // A graceful stop; what makes no progress within the stop timeout is killed.
  void stop(ScenarioRun& run) {
    for (const auto& unit : units_) s_.systemd.stop_unit(unit);
    kill_where_the_stop_signal_is_ignored(run);
    const auto all_at_rest = [&] { return units_at_rest() == units_.size(); };
    if (!wait_for_the_stop()) {
      for (const auto& unit : units_) {
        if (!is_at_rest(recorder_->current_state(unit))) s_.systemd.kill_unit(unit, SIGKILL);
      }
      if (!recorder_->run_until(all_at_rest, Clock::now() + cleanup_timeout)) {
        throw RunnerError("stop the units", "still running after SIGKILL");
      }
    }
    for (const auto& unit : units_) run.histories_after_stop.emplace(unit, recorder_->history(unit));
    record_stop_outcomes(run);
    if (!options_.units_only) {
      run.observation.host_after_stop =
          observe::sandbox_network_once_containers_are_gone(s_.sandbox, installed_state_.stand_ins.near_ends);
    }
    say("stopped");
  }

  // How each unit's stop ended, for the judge (observation.containers[...].stop_outcome).
  void record_stop_outcomes(ScenarioRun& run) {
    for (const auto& unit : installation_.units) {
      const auto container = run.observation.containers.find(unit.container);
      if (container == run.observation.containers.end()) continue;
      container->second.stop_outcome = oracle::stop_outcome_of(run.histories_after_stop.at(unit.unit));
    }
  }

  // A unit whose KillSignal systemd-nspawn ignores (2018's WINCH) stops only when TimeoutStopSec
  // ends with SIGKILL to its cgroup; nothing happens before. Once systemd is stopping such a
  // unit, that SIGKILL comes at once.
  void kill_where_the_stop_signal_is_ignored(ScenarioRun& run) {
    std::vector<std::string> ignoring;
    for (const auto& unit : installation_.units) {
      if (leaves_the_container_running(kill_signal(run, unit.container))) ignoring.push_back(unit.unit);
    }
    const auto stopping = [&](const std::string& unit) {
      const auto& state = recorder_->current_state(unit);
      return state.active_state == "deactivating" || is_at_rest(state);
    };
    if (ignoring.empty()) return;
    (void)recorder_->run_until([&] { return std::all_of(ignoring.begin(), ignoring.end(), stopping); },
                               Clock::now() + options_.stop_timeout);
    for (const auto& unit : installation_.units) {
      const bool ignores = std::find(ignoring.begin(), ignoring.end(), unit.unit) != ignoring.end();
      if (!ignores || is_at_rest(recorder_->current_state(unit.unit))) continue;
      s_.systemd.kill_unit(unit.unit, SIGKILL);
      run.observation.adaptations.push_back(
          adaptations::stop_wait_shortened(unit.container, "TimeoutStopSec=" + timeout_stop(run, unit.container)));
    }
  }

  void take_back() {
    for (const auto& unit : units_) ignore_unloaded([&] { s_.systemd.unref_unit(unit); });
    // systemd unloads a unit that is neither failed nor referenced.
    for (const auto& unit : units_) ignore_unloaded([&] { s_.systemd.reset_failed_unit(unit); });
    installed_ = false;
    uninstall(s_.sandbox, installation_, installed_state_);
    stop_targets_loaded_for_the_scenario();
    if (!loaded_targets_.empty()) s_.systemd.reload();
    s_.require_clean("after the scenario");
    say("uninstalled; the sandbox is clean");
  }

  // A target the scenario's start loaded is stopped again, so that systemd unloads it with its
  // dependencies on the units just removed, as the next scenario expects it: not loaded.
  void stop_targets_loaded_for_the_scenario() {
    std::vector<std::string> loaded_for_the_scenario;
    for (const auto& target : targets_) {
      if (!loaded_targets_.contains(target)) loaded_for_the_scenario.push_back(target);
    }
    if (loaded_for_the_scenario.empty()) return;
    for (const auto& target : loaded_for_the_scenario) ignore_unloaded([&] { s_.systemd.stop_unit(target); });
    s_.systemd.run_until([&] { return s_.systemd.list_units(loaded_for_the_scenario).empty(); },
                         Clock::now() + unload_wait);
  }

  [[nodiscard]] std::chrono::microseconds elapsed() const { return since(started_); }

 private:
  template <typename Call>
  static void ignore_unloaded(Call call) {
    try {
      call();
    } catch (const RunnerError&) {
      // the unit is not loaded (any more): nothing to do
    }
  }

  void say(const std::string& line) const {
    if (!options_.progress) return;
    const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    options_.progress(std::to_string(elapsed_ms) + " ms: " + line);
  }

  Session& s_;
  const Installation installation_;
  const ScenarioRunOptions& options_;
  const Clock::time_point started_ = Clock::now();
  std::vector<std::string> units_;
  std::set<std::string> targets_;         // the units' wantedBy
  std::set<std::string> loaded_targets_;  // those loaded before the installation
  bool installed_ = false;
  InstalledState installed_state_;
  sys::DirectoryWatch report_watch_;
  std::optional<UnitRecorder> recorder_;
  Clock::time_point start_requested_;
};

}  // namespace

struct ScenarioRunner::State : Session {
  using Session::Session;
};

ScenarioRunner::ScenarioRunner(Sandbox& sandbox) : state_(std::make_unique<State>(sandbox)) {}

ScenarioRunner::~ScenarioRunner() = default;

SystemdClient& ScenarioRunner::systemd() { return state_->systemd; }

ScenarioRun ScenarioRunner::run(const oracle::Expectation& expected, const ScenarioRunOptions& options) {
  ScenarioRun run;
  if (expected.rendering.error) {
    run.problems.push_back("not run: the module refuses the spec: " + expected.rendering.error->message);
    return run;
  }
  if (auto why = sandbox_limits::why_it_cannot_run(expected)) {
    run.not_runnable = std::move(why);
    return run;
  }
  state_->require_clean("before the scenario");
  Execution execution(*state_, plan_installation(installation_inputs(expected, options.payload)), options);
  run.observation.adaptations = execution.adaptations();
  execution.install();
  execution.start();
  execution.wait_until_settled(run);
  execution.observe(run);
  if (!options.units_only) execution.observe_reachability(run, expected.effects.reachability);
  execution.stop(run);
  run.stopped_after = execution.elapsed();
  if (!options.units_only) observe::roots_after_stop(state_->sandbox, expected.filesystems, run.observation);
  execution.take_back();
  run.duration = execution.elapsed();
  return run;
}

}  // namespace ctrlab::runner
