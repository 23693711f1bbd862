#pragma once

#include <string>
#include <vector>

// What the tests compare before and after: the host's own network state, as `ip -j` prints it.
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

}  // namespace ctrlab::runner::testing
