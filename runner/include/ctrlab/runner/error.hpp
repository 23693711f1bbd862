#pragma once

#include <stdexcept>
#include <string>

// The runner's one error type: every failure of the real side names the operation that
// failed ("boot sandbox: wait for READY=1", "write /run/systemd/system/x.service", ...).
namespace ctrlab::runner {

class RunnerError : public std::runtime_error {
 public:
  RunnerError(std::string operation, const std::string& detail)
      : std::runtime_error(operation + ": " + detail), operation_(std::move(operation)) {}

  [[nodiscard]] const std::string& operation() const { return operation_; }

 private:
  std::string operation_;
};

// SIGINT or SIGTERM arrived while the runner was waiting; everything it made is cleaned up
// by the destructors that run while this propagates.
class Interrupted : public RunnerError {
 public:
  explicit Interrupted(std::string operation) : RunnerError(std::move(operation), "interrupted by a signal") {}
};

}  // namespace ctrlab::runner
