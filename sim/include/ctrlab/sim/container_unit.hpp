#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/sim/nspawn.hpp"
#include "ctrlab/sim/service_properties.hpp"

namespace ctrlab::sim {

// Where a start fails, every time, because of what the configuration makes nspawn, the
// container's init or ExecStartPost= run (the oracle's network effects predict it).
struct StartFailures {
  std::optional<int> start_pre_exit;     // ExecStartPre= (preStart) exits with this status (bash cannot read it)
  std::optional<int> start_script_exit;  // the start script exits with this status before it execs nspawn
  std::optional<int> nspawn_exit;      // nspawn exits before the init runs (refused argv, fatal mount or network step)
  // nspawn runs another program than an init, whose execv fails: the container's PID 1
  // exits 1 at once (nspawn without --notify-ready=yes has said READY=1 already).
  bool command_fails_to_exec = false;
  std::optional<int> init_exit;        // the init's `bash -e` stops before READY=1, with this status
  std::optional<int> start_post_exit;  // ExecStartPost= (`bash -e`) exits with this status

  friend bool operator==(const StartFailures&, const StartFailures&) = default;
};

// Everything the dynamics of one container@ unit depend on.
struct ContainerUnit {
  std::string unit_name;  // e.g. container@web.service
  ServiceProperties service;
  NspawnOptions nspawn;
  // What the unit's ExecStop= (the module's preStop) sends the container's PID 1, if it has one.
  std::optional<Signal> exec_stop_signal;
  StartFailures failures;
  bool post_start_runs_commands = true;  // see ContainerSpec
};

// Reads the oracle's prediction for one container: the unit's properties,
// the nspawn argv, which scripts the unit runs, and, given the network effects, where its
// starts fail. Each of the module's scripts is an Exec line, as NixOS renders it, also one
// without commands (e.g. 2021's postStart without networking): systemd passes through its
// state and defers a main process exit for the few milliseconds it runs. ExecStop= is the module's
// preStop, which signals the container's PID 1 where it can find it (2018's kill -RTMIN+4; 2014's
// looks in cgroup v1, which a systemd 252 host does not have). Throws InputError for properties
// it cannot read (see service_properties_from()).
[[nodiscard]] ContainerUnit container_unit_from(const oracle::ContainerPrediction& container,
                                                const oracle::ContainerEffects* effects = nullptr);
// The same with the container's nspawn argv as already read (oracle::Expectation::nspawn_arguments).
[[nodiscard]] ContainerUnit container_unit_from(const oracle::ContainerPrediction& container,
                                                const oracle::NspawnArguments& arguments,
                                                const oracle::ContainerEffects* effects);

// The first failure that ends a start: nspawn refusing its argv or failing a fatal mount or
// network step (exit 1); a command that is no init (its exec fails); the container-init's
// first failing command (its exit status); ExecStartPost='s first failing command. The
// container system's own init (2014) runs no commands before stage 2. Failures of `|| true`
// commands (preStart) do not count.
[[nodiscard]] StartFailures start_failures_from(const oracle::ContainerEffects& effects,
                                                const oracle::ContainerPrediction& container);

// The unit the oracle renders under `revision` for a plain container that starts at boot,
// without networking options, with the module's default timeoutStartSec; used where no
// scenario is given (`ctrlab sim`).
[[nodiscard]] ContainerUnit reference_container_unit(oracle::Revision revision);

}  // namespace ctrlab::sim
