#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/host_network.hpp"
#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/oracle/scenario.hpp"
#include "ctrlab/oracle/unit_history.hpp"

// Everything predicted about one case before it runs: what the module renders, the host it
// is rendered for, what nspawn and the kernel make of it, the containers' file systems, what
// each container's init is asked to do and the unit histories that follow. It is built once
// per case (suite::expect): `ctrlab predict` prints it, the runner runs it, and the judge
// holds the observation against it, so the three cannot disagree about a scenario.
namespace ctrlab::oracle {

class JsonWriter;

struct Expectation {
  Prediction rendering;
  HostNetwork host;  // the scenario's host network with its machine-id and kernel version
  // Each container's nspawn argv as nspawn reads it: read once, for the effects, the file
  // systems and the simulator (not part of any output).
  NspawnArgumentsByContainer nspawn_arguments;
  NetworkEffects effects;
  std::map<std::string, ContainerFilesystem> filesystems;  // by container
  std::map<ContainerName, ProbeScript> behaviours;          // by container; a missing one stays up
  std::map<std::string, UnitHistory> unit_histories;        // by container (from sim), optional
  std::map<std::string, StopOutcome> stop_outcomes;         // by container (from sim): how the runner's stop ends
  std::vector<std::string> notes;                           // what could not be predicted, and why
};

// What the oracle itself predicts from a rendering on a host: effects and file systems (a
// refused spec renders nothing, so nothing follows from it). Behaviours and unit histories are
// the caller's to add.
[[nodiscard]] Expectation expect(Prediction rendering, HostNetwork host);

// `ctrlab predict --json`: the rendering with the ground truth's keys, plus "effects",
// "filesystem" and, where predicted, "unitHistories" (by container).
[[nodiscard]] nlohmann::json expectation_document(const Expectation& expectation);
// The same document, written a container at a time (json_writer.hpp): what `predict --json`
// prints, without holding the document.
void write_expectation(JsonWriter& out, const Expectation& expectation);
// `ctrlab predict`: the same for people.
[[nodiscard]] std::string describe(const Expectation& expectation);

}  // namespace ctrlab::oracle
