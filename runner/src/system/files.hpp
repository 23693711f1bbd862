#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// Small file helpers that report failures as RunnerError naming the path.
namespace ctrlab::runner::sys {

[[nodiscard]] std::string read_file(const std::filesystem::path& path);
// nullopt when the file does not exist (or vanished, as /proc files do).
[[nodiscard]] std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);
// Writes all of `text` to a descriptor; a failure names `operation`.
void write_all(int fd, std::string_view text, const std::string& operation);
// Writes through a temporary name and rename(2), so a reader sees the old or the new text.
void write_file_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode = 0644);
// Writes into an existing file without creating or truncating it (cgroup and /proc files).
void write_existing_file(const std::filesystem::path& path, std::string_view text);
void create_directories(const std::filesystem::path& path, mode_t mode = 0755);
void copy_file(const std::filesystem::path& from, const std::filesystem::path& to, mode_t mode);
// Reads a descriptor (a pipe) until its writers close it, keeping at most `max_bytes`: more is
// an error, as is the deadline passing.
[[nodiscard]] std::string read_until_closed(int fd, std::size_t max_bytes, std::chrono::steady_clock::time_point deadline,
                                            const std::string& operation);
// Removes a tree; a missing tree is not an error.
void remove_tree(const std::filesystem::path& path);

}  // namespace ctrlab::runner::sys
