#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/revision.hpp"
#include "ctrlab/sim/nspawn.hpp"
#include "ctrlab/sim/service_properties.hpp"

namespace ctrlab::sim {

// Everything the dynamics of one container@ unit depend on.
struct ContainerUnit {
  std::string unit_name;  // e.g. container@web.service
  ServiceProperties service;
  NspawnOptions nspawn;
  // What the unit's ExecStop= (the module's preStop) sends the container's PID 1, if it has one.
  std::optional<Signal> exec_stop_signal;
};

// Reads the oracle's prediction for one container under `revision`: the unit's properties,
// the nspawn argv, which scripts the unit runs (hostOps: preStart/postStart; the revision:
// preStop). Throws InputError for properties it cannot read (see service_properties_from()).
[[nodiscard]] ContainerUnit container_unit_from(const oracle::ContainerPrediction& container,
                                                oracle::Revision revision);

// The unit each module revision renders for a plain `autoStart` container without
// networking options (as in ../shared/groundtruth/cases/13-autostart-timeout), with the
// module's default timeoutStartSec; used where no scenario is given (`ctrlab sim`).
[[nodiscard]] ContainerUnit reference_container_unit(oracle::Revision revision);

}  // namespace ctrlab::sim
