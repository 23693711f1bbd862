#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/sim/nspawn.hpp"
#include "ctrlab/sim/service_properties.hpp"

namespace ctrlab::sim {

// Where a start fails, every time, because of what the configuration makes nspawn, the
// container's init or ExecStartPost= run (the oracle's network effects predict it).
struct StartFailures {
  std::optional<int> nspawn_exit;      // nspawn exits before the init runs (refused argv, fatal network step)
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
};

// Reads the oracle's prediction for one container under `revision`: the unit's properties,
// the nspawn argv, which scripts the unit runs (hostOps: preStart/postStart; the revision:
// preStop), and, given the network effects, where its starts fail. Throws InputError for
// properties it cannot read (see service_properties_from()).
[[nodiscard]] ContainerUnit container_unit_from(const oracle::ContainerPrediction& container,
                                                oracle::Revision revision,
                                                const oracle::ContainerEffects* effects = nullptr);

// The first failure that ends a start: nspawn refusing its argv or failing a fatal network
// step (exit 1); the init's first failing command (its exit status), or no init at all when
// the argv names another program (exit 1); ExecStartPost='s first failing command. Failures
// of `|| true` commands (preStart) do not count.
[[nodiscard]] StartFailures start_failures_from(const oracle::ContainerEffects& effects,
                                                const oracle::ContainerPrediction& container);

// The unit each module revision renders for a plain `autoStart` container without
// networking options (as in ../shared/groundtruth/cases/13-autostart-timeout), with the
// module's default timeoutStartSec; used where no scenario is given (`ctrlab sim`).
[[nodiscard]] ContainerUnit reference_container_unit(oracle::Revision revision);

}  // namespace ctrlab::sim
