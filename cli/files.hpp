#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

// File access for the commands: the pure parts never touch files, the CLI does it for them.
namespace ctrlab::cli {

// A file that cannot be read or written, naming the path and the system's reason.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[nodiscard]] std::string read_text_file(const std::filesystem::path& path);

// Writes atomically (a temporary beside it, then rename), creating parent directories,
// so an interrupted run never leaves a half-written report.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace ctrlab::cli
