#include "ctrlab/oracle/input_error.hpp"

namespace ctrlab::oracle {

InputError::InputError(std::string json_path, std::string expected, std::string problem)
    : std::runtime_error((json_path.empty() ? std::string() : json_path + ": ") + problem + " (expected " + expected + ")"),
      json_path_(std::move(json_path)),
      expected_(std::move(expected)),
      problem_(std::move(problem)) {}

}  // namespace ctrlab::oracle
