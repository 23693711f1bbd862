#include "calibration_file.hpp"

#include "ctrlab/sim/input_error.hpp"
#include "files.hpp"

namespace ctrlab::cli {

sim::Calibration read_calibration_file(const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  try {
    return sim::parse_calibration(text);
  } catch (const sim::InputError& error) {
    throw sim::InputError(path.string() + ": " + error.path(), std::string(error.what()).substr(error.path().size() + 2));
  }
}

}  // namespace ctrlab::cli
