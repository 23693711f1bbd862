#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "ctrlab/oracle/unit_history.hpp"
#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/container_unit.hpp"

// The prediction for one scenario: what systemd will report about the container's unit over
// the observation, in the same shape the runner records from systemd over D-Bus
// (oracle::UnitHistory), so the judge can diff the two by one rule (oracle/unit_outcome.hpp).
namespace ctrlab::sim {

// Something the scenario does to the unit at `at`: `systemctl start`, `systemctl stop`, or
// `systemctl kill --kill-who=main --signal=SIGNAL`.
struct ManualAction {
  enum class Kind { start, stop, kill };
  Duration at{0};
  Kind kind = Kind::start;
  Signal signal = signals::terminate;  // for kill
};

struct TimelineRequest {
  ContainerUnit unit;
  oracle::ProbeScript probe;
  std::vector<ManualAction> actions{ManualAction{}};
  // How long the runner watches the unit after the first start request; the history ends
  // there (a unit in a restart loop never settles).
  Duration observe_for = std::chrono::minutes(5);
  Calibration calibration = builtin_calibration("probe");
  unsigned cores = 0;      // 0: the calibration's
  std::uint64_t seed = 0;  // 0: the calibration's
};

struct UnitTimeline {
  oracle::UnitHistory history;
  std::uint32_t boots = 0;  // how often the container's init was started
  std::uint64_t events = 0;
};

// Runs the scenario. Every transition systemd makes appears in the history at its simulated
// time, as a D-Bus observer sees them (systemd 252 publishes each one, also those within one
// dispatch: failed on the way to auto-restart, dead on the way from auto-restart to
// start-pre). InactiveExitTimestamp and ActiveEnterTimestamp are systemd's own (the last
// time the unit left inactive/failed, and entered active). Deterministic: the same request
// gives the same timeline.
[[nodiscard]] UnitTimeline predict_timeline(const TimelineRequest& request);

struct ScenarioTimelineOptions {
  Duration observe_for = std::chrono::minutes(5);
  Calibration calibration = builtin_calibration("probe");
  unsigned cores = 0;      // 0: the calibration's
  std::uint64_t seed = 0;  // 0: the calibration's
};

// The histories of every container in an oracle prediction, started together at 0 on one
// simulated host (they share its CPU and systemd), each running its probe script from the
// scenario (a container without one stays up). By container name, as oracle::Expectation
// takes them. Throws InputError when a container's unit cannot be read.
[[nodiscard]] std::map<std::string, oracle::UnitHistory> predict_unit_histories(
    const oracle::Prediction& prediction, const std::map<oracle::ContainerName, oracle::ProbeScript>& probes,
    const ScenarioTimelineOptions& options = {});
// The same, with the starts that fail where the network effects say a command fails (nspawn
// refusing its argv or a network step, the init's `bash -e`, ExecStartPost=): such a unit
// fails its start every time and restarts until its start limit.
[[nodiscard]] std::map<std::string, oracle::UnitHistory> predict_unit_histories(
    const oracle::Prediction& prediction, const oracle::NetworkEffects& effects,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options = {});

// How the runner's stop of every unit ends once the units settled (`systemctl stop` of each,
// and a SIGKILL at once where systemd-nspawn ignores the unit's KillSignal, as
// ctrlab/runner does), by container name.
[[nodiscard]] std::map<std::string, oracle::StopOutcome> predict_stop_outcomes(
    const oracle::Prediction& prediction, const oracle::NetworkEffects& effects,
    const std::map<oracle::ContainerName, oracle::ProbeScript>& probes, const ScenarioTimelineOptions& options = {});

// The histories and the stop outcomes together, for what a case predicts (suite::expect):
// its rendering, network effects, behaviours and each container's nspawn argv as the oracle
// read it. Each container's unit is read once for both. Throws InputError as they do.
struct UnitOutcomes {
  std::map<std::string, oracle::UnitHistory> histories;
  std::map<std::string, oracle::StopOutcome> stops;
};
[[nodiscard]] UnitOutcomes predict_unit_outcomes(const oracle::Expectation& expected,
                                                 const ScenarioTimelineOptions& options = {});

}  // namespace ctrlab::sim
