#pragma once

#include <string>

#include "ctrlab/oracle/prediction.hpp"

namespace ctrlab::oracle {

// A readable account of a prediction for a terminal: per container the unit, the env
// file, the nspawn command line, the ip operations on each side, and every note.
[[nodiscard]] std::string summary_text(const Prediction& prediction);

}  // namespace ctrlab::oracle
