#include "system/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>

#include "system/syscall.hpp"
#include "system/unique_fd.hpp"
#include "system/wait.hpp"

namespace ctrlab::runner::sys {

void write_all(int fd, std::string_view text, const std::string& operation) {
  while (!text.empty()) {
    const auto written = retry_on_eintr([&] { return ::write(fd, text.data(), text.size()); });
    if (written < 0) throw_errno(operation);
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

std::optional<std::string> read_file_if_exists(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT || errno == ESRCH) return std::nullopt;
    throw_errno("read " + path.string());
  }
  std::string text;
  std::array<char, 4096> buffer{};
  for (;;) {
    const auto got = retry_on_eintr([&] { return ::read(fd.get(), buffer.data(), buffer.size()); });
    if (got < 0) {
      if (errno == ESRCH) return std::nullopt;  // the process behind a /proc file exited
      throw_errno("read " + path.string());
    }
    if (got == 0) return text;
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
}

std::string read_file(const std::filesystem::path& path) {
  auto text = read_file_if_exists(path);
  if (!text) throw RunnerError("read " + path.string(), "no such file");
  return *std::move(text);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode) {
  const std::string operation = "write " + path.string();
  auto temporary = path;
  temporary += ".ctrlab-new";
  {
    UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd.valid()) throw_errno(operation);
    if (::fchmod(fd.get(), mode) < 0) throw_errno(operation);
    write_all(fd.get(), text, operation);
  }
  if (::rename(temporary.c_str(), path.c_str()) < 0) throw_errno(operation);
}

void write_existing_file(const std::filesystem::path& path, std::string_view text) {
  const std::string operation = "write " + path.string();
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno(operation);
  write_all(fd.get(), text, operation);
}

void create_directories(const std::filesystem::path& path, mode_t mode) {
  std::filesystem::path partial;
  for (const auto& part : path) {
    partial /= part;
    if (::mkdir(partial.c_str(), mode) < 0 && errno != EEXIST) throw_errno("create directory " + partial.string());
  }
}

void copy_file(const std::filesystem::path& from, const std::filesystem::path& to, mode_t mode) {
  std::error_code error;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, error);
  if (error) throw RunnerError("copy " + from.string() + " to " + to.string(), error.message());
  if (::chmod(to.c_str(), mode) < 0) throw_errno("chmod " + to.string());
}

std::string read_until_closed(int fd, std::size_t max_bytes, Clock::time_point deadline, const std::string& operation) {
  std::string text;
  std::array<char, 16384> buffer{};
  for (;;) {
    pollfd readable{fd, POLLIN, 0};
    if (wait_for(std::span(&readable, 1), deadline, operation) == WaitOutcome::deadline) {
      throw RunnerError(operation, "no end of output in time");
    }
    const auto got = retry_on_eintr([&] { return ::read(fd, buffer.data(), buffer.size()); });
    if (got < 0) throw_errno(operation);
    if (got == 0) return text;
    if (text.size() + static_cast<std::size_t>(got) > max_bytes) {
      throw RunnerError(operation, "more than " + std::to_string(max_bytes) + " bytes of output");
    }
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
}

void remove_tree(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::remove_all(path, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    throw RunnerError("remove " + path.string(), error.message());
  }
}

}  // namespace ctrlab::runner::sys
