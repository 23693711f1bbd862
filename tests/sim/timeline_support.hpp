#pragma once

// Building blocks for timeline tests: the 2022 container unit, probe scripts, a calibration
// in which nothing costs time (so restart times are exact multiples of RestartSec).
#include <string>
#include <vector>

#include "ctrlab/oracle/unit_outcome.hpp"
#include "ctrlab/sim/timeline.hpp"

namespace sim_test {

using namespace ctrlab::sim;
// The sim is held to the judge's rule for unit histories.
using ctrlab::oracle::exact_outcome;
using ctrlab::oracle::BootAction;
using ctrlab::oracle::BootBehaviour;
using ctrlab::oracle::ProbeScript;

inline ContainerUnit unit_2022() { return reference_container_unit(ctrlab::oracle::Revision::r2022); }

inline Calibration instant_calibration() {
  Calibration calibration;
  calibration.name = "instant";
  calibration.cores = 1;
  return calibration;
}

// Round figures for tests that check times: what each step of one start costs.
inline Calibration known_calibration() {
  using std::chrono::milliseconds;
  using std::chrono::microseconds;
  Calibration calibration;
  calibration.name = "known";
  calibration.cores = 2;
  calibration.cost(Phase::manager_job) = {microseconds(500), milliseconds(0)};
  calibration.cost(Phase::start_pre) = {milliseconds(20), milliseconds(10)};
  calibration.cost(Phase::nspawn_setup) = {milliseconds(40), milliseconds(20)};
  calibration.cost(Phase::init_until_ready) = {milliseconds(10), milliseconds(5)};
  calibration.cost(Phase::start_post) = {milliseconds(20), milliseconds(5)};
  calibration.cost(Phase::teardown) = {milliseconds(10), milliseconds(20)};
  return calibration;
}

inline BootBehaviour boot(BootAction action, std::chrono::milliseconds after = std::chrono::milliseconds(1000),
                          int exit_code = 0, bool ignore_kill_signal = false) {
  BootBehaviour behaviour;
  behaviour.action = action;
  behaviour.after = after;
  behaviour.exit_code = exit_code;
  behaviour.ignore_kill_signal = ignore_kill_signal;
  return behaviour;
}

inline ProbeScript probe(std::vector<BootBehaviour> boots) {
  ProbeScript script;
  script.boots = std::move(boots);
  return script;
}

inline TimelineRequest request(ContainerUnit unit, ProbeScript script, Duration observe_for) {
  TimelineRequest request;
  request.unit = std::move(unit);
  request.probe = std::move(script);
  request.observe_for = observe_for;
  return request;
}

inline std::vector<std::string> sub_states(const ctrlab::oracle::UnitHistory& history) {
  std::vector<std::string> states;
  for (const auto& change : history.changes) states.push_back(change.active_state + "/" + change.sub_state);
  return states;
}

inline std::vector<std::string> strings(std::initializer_list<const char*> items) {
  return std::vector<std::string>(items.begin(), items.end());
}

}  // namespace sim_test
