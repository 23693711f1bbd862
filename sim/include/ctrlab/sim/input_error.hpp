#pragma once

#include <stdexcept>
#include <string>

namespace ctrlab::sim {

// Bad input to the simulator: a unit property it cannot read, an nspawn option it does not
// understand, a calibration file of the wrong shape. `path` locates the value, e.g.
// "serviceConfig.TimeoutStartSec" or "$.phases.init_until_ready.cpu_seconds".
class InputError : public std::runtime_error {
 public:
  InputError(std::string path, const std::string& problem)
      : std::runtime_error(path + ": " + problem), path_(std::move(path)) {}

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ctrlab::sim
