#include "ctrlab/runner/bare_nspawns.hpp"

#include <iostream>
#include <map>
#include <set>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/interrupt.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/systemd_client.hpp"
#include "ctrlab/runner/tools.hpp"

namespace ctrlab::runner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto stop_timeout = std::chrono::minutes(2);

std::string bare_unit(const std::string& container) { return "ctrlab-bare-" + container + ".service"; }

// The installation and the transient units, taken back however the run ends (but after a
// signal, when the sandbox goes as a whole).
class BareInstallation {
 public:
  BareInstallation(const Sandbox& sandbox, SystemdClient& systemd, Installation installation)
      : sandbox_(sandbox), systemd_(systemd), installation_(std::move(installation)) {
    installed_ = install(sandbox_, installation_);
  }
  BareInstallation(const BareInstallation&) = delete;
  BareInstallation& operator=(const BareInstallation&) = delete;
  ~BareInstallation() {
    if (InterruptWatch::received_signal() != 0) return;
    try {
      take_back();
    } catch (const std::exception& error) {
      std::cerr << "ctrlab: taking back the bare baseline: " << error.what() << '\n';
    }
  }

  void started(const std::string& unit) { units_.push_back(unit); }

  // Every unit stopped, each job done (or the timeout passed).
  void stop() {
    std::set<std::uint32_t> stopping;
    systemd_.on_job_removed([&](const JobRemoved& job) { stopping.erase(job.id); });
    for (const auto& unit : units_) {
      try {
        stopping.insert(systemd_.stop_unit(unit));
      } catch (const RunnerError&) {
        // gone already
      }
    }
    (void)systemd_.run_until([&] { return stopping.empty(); }, Clock::now() + stop_timeout);
    systemd_.on_job_removed(nullptr);
  }

 private:
  void take_back() {
    stop();
    for (const auto& unit : units_) {
      try {
        systemd_.reset_failed_unit(unit);
      } catch (const RunnerError&) {
        // not failed: unloaded already
      }
    }
    uninstall(sandbox_, installation_, installed_);
  }

  const Sandbox& sandbox_;
  SystemdClient& systemd_;
  const Installation installation_;
  InstalledState installed_;
  std::vector<std::string> units_;
};

}  // namespace

BareRun run_bare_nspawns(const Sandbox& sandbox, SystemdClient& systemd, const oracle::Prediction& prediction,
                         Payload payload, std::chrono::milliseconds timeout) {
  InstallationInputs inputs;
  inputs.prediction = &prediction;
  inputs.payload = payload;
  inputs.probe_inside = Sandbox::tool_path_inside(tools::probe_program);
  inputs.commands_tool_inside = Sandbox::tool_path_inside(tools::commands_program);
  BareInstallation installation(sandbox, systemd, plan_installation(inputs));

  BareRun run;
  std::map<std::uint32_t, std::size_t> pending;  // job id -> index in run.starts
  const auto started = Clock::now();
  systemd.on_job_removed([&](const JobRemoved& job) {
    const auto found = pending.find(job.id);
    if (found == pending.end()) return;
    auto& start = run.starts[found->second];
    start.result = job.result;
    if (job.result == "done") start.ready = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    pending.erase(found);
  });
  for (const auto& [name, container] : prediction.containers) {
    if (container.nspawnArgv.empty()) continue;
    run.starts.push_back({name, std::nullopt, ""});
    installation.started(bare_unit(name));
    pending.emplace(systemd.start_transient_notify_service(bare_unit(name), container.nspawnArgv), run.starts.size() - 1);
  }
  const bool all_ended = systemd.run_until([&] { return pending.empty(); }, started + timeout);
  systemd.on_job_removed(nullptr);
  run.all_done = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  if (!all_ended) {
    for (const auto& [job, index] : pending) run.starts[index].result = "not ended within the timeout";
  }
  installation.stop();
  run.all_stopped = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  return run;
}

}  // namespace ctrlab::runner
