#pragma once

#include <string>
#include <vector>

#include "ctrlab/runner/leftovers.hpp"

// What the tests compare before and after: the host's own network state, as `ip -j` prints it,
// and what ctrlab has on the machine.
namespace ctrlab::runner::testing {

// Runs a fixed argv (no shell) and returns its stdout; fails the test if it exits non-zero.
std::string capture_output(const std::vector<std::string>& argv);

struct HostNetwork {
  std::string links;
  std::string addresses;
  std::string routes;
  friend bool operator==(const HostNetwork&, const HostNetwork&) = default;
};

HostNetwork host_network();

// What the host's /run and /run/systemd hold (names), which a run may not change: nspawn makes
// state directories there (nspawn, nspawn-root) unless it has a /run of its own.
std::vector<std::string> host_run_entries();

// ctrlab's artifacts on the machine, except the test module's own shared sandbox and those of
// runs that still go on (another engineer's suite on the same machine; sandboxes are named
// ctrlab-sandbox-OWNERPID-...). The runs a test started have ended when it asks.
std::vector<Leftover> leftovers_of_ended_runs();
// Fails the test, listing them, if there are any.
void require_nothing_left();

}  // namespace ctrlab::runner::testing
