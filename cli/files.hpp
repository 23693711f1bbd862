#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

// File access for the commands: the pure parts never touch files, the CLI does it for them.
namespace ctrlab::cli {

// A file that cannot be read or written, naming the path and the system's reason.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The most ctrlab reads from one file (scenarios, calibrations, snapshots, report shards).
inline constexpr std::uintmax_t max_input_file_bytes = 64ULL * 1024 * 1024;

// The whole content of a regular file of at most max_input_file_bytes. Anything else (a
// FIFO, a device such as /dev/zero, a directory, a larger file) is a FileError, at once:
// input files come from pull requests, and reading one must neither block nor grow
// without bound.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path);

// Writes atomically (a temporary beside it, then rename), creating parent directories,
// so an interrupted run never leaves a half-written report.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace ctrlab::cli
