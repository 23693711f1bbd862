#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace ctrlab::cli {
namespace {

// Closes the descriptor however the read ends.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_;
};

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
  throw FileError("cannot read " + path.string() + ": " + why);
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const OpenFile file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (file.fd() < 0) fail(path, std::strerror(errno));
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0) fail(path, std::strerror(errno));
  if (!S_ISREG(status.st_mode)) fail(path, kind_of(status.st_mode) + ", not a regular file");
  const auto too_large = [&] {
    fail(path, "larger than " + std::to_string(max_input_file_bytes / (1024 * 1024)) + " MiB, the most ctrlab reads");
  };
  if (static_cast<std::uintmax_t>(status.st_size) > max_input_file_bytes) too_large();
  // Read until the end, which may come before or after the size fstat saw (the file may
  // change meanwhile), but never past the limit.
  std::string text(static_cast<std::size_t>(status.st_size) + 1, '\0');
  std::size_t length = 0;
  while (true) {
    if (length == text.size()) {
      if (text.size() > max_input_file_bytes) too_large();
      text.resize(std::min<std::size_t>(2 * text.size(), max_input_file_bytes + 1));
    }
    const ssize_t got = ::read(file.fd(), text.data() + length, text.size() - length);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail(path, std::strerror(errno));
    if (got == 0) break;
    length += static_cast<std::size_t>(got);
  }
  text.resize(length);
  return text;
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) throw FileError("cannot create " + path.parent_path().string() + ": " + error.message());
  const auto temporary = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw FileError("cannot write " + temporary.string() + ": " + std::strerror(errno));
    out << text;
    out.flush();
    if (!out) throw FileError("cannot write " + temporary.string() + ": write failed");
  }
  std::filesystem::rename(temporary, path, error);
  if (error) throw FileError("cannot write " + path.string() + ": " + error.message());
}

}  // namespace ctrlab::cli
