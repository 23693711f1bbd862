#pragma once

#include <filesystem>

#include "ctrlab/sim/calibration.hpp"

namespace ctrlab::cli {

// A calibration file (sim/calibrations/README.md). Throws FileError, or sim::InputError whose
// path starts with the file's name ("my.json: $.phases...").
[[nodiscard]] sim::Calibration read_calibration_file(const std::filesystem::path& path);

}  // namespace ctrlab::cli
