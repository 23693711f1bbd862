#pragma once

#include <stdexcept>
#include <string>

// The oracle's one error type for bad input: a scenario file, a record of a run (observation,
// verdict, network state), a host network. Everything that reads JSON into the oracle's model
// throws it, so one reader serves every caller.
namespace ctrlab::oracle {

// Where (a JSON path such as `containers.web.forwardPorts[0].hostPort`; empty for the document
// as a whole), what was expected there, and what was wrong, e.g. `got a number (3)`. what()
// says all three in one line: "PATH: PROBLEM (expected EXPECTED)".
class InputError : public std::runtime_error {
 public:
  InputError(std::string json_path, std::string expected, std::string problem = "got something else");

  [[nodiscard]] const std::string& json_path() const { return json_path_; }
  [[nodiscard]] const std::string& expected() const { return expected_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }

 private:
  std::string json_path_;
  std::string expected_;
  std::string problem_;
};

}  // namespace ctrlab::oracle
