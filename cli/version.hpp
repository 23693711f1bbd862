#pragma once

#include <string_view>

namespace ctrlab::cli {

// The project's version (CMakeLists.txt's project(VERSION)), as --version and every report say it.
inline constexpr std::string_view ctrlab_version = CTRLAB_VERSION;

}  // namespace ctrlab::cli
