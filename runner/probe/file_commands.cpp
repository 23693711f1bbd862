#include "file_commands.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace ctrlab::probe {
namespace {

using oracle::Argv;
using oracle::CommandOutcome;

CommandOutcome failure(const std::string& message) { return {1, message + ": " + std::strerror(errno)}; }

mode_t current_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// mkdir -p: the missing parents get (0777 & ~umask) | u+wx, the named directory MODE (or
// 0777 & ~umask); an existing directory is left as it is.
CommandOutcome make_directory(const std::string& path, std::optional<mode_t> mode) {
  const mode_t parent_mode = (0777 & ~current_umask()) | S_IWUSR | S_IXUSR;
  std::filesystem::path partial;
  const std::filesystem::path full(path);
  for (auto it = full.begin(); it != full.end(); ++it) {
    partial /= *it;
    const bool last = std::next(it) == full.end();
    if (::mkdir(partial.c_str(), last ? 0700 : parent_mode) == 0) {
      if (last && ::chmod(partial.c_str(), mode.value_or(0777 & ~current_umask())) < 0) {
        return failure("mkdir: cannot set permissions of '" + path + "'");
      }
      continue;
    }
    const int error = errno;
    struct stat existing {};
    if (error != EEXIST || ::stat(partial.c_str(), &existing) < 0 || !S_ISDIR(existing.st_mode)) {
      errno = error;
      return failure("mkdir: cannot create directory '" + partial.string() + "'");
    }
  }
  return {};
}

std::optional<CommandOutcome> mkdir_command(const Argv& argv) {
  bool parents = false;
  std::optional<mode_t> mode;
  std::size_t i = 1;
  for (; i < argv.size() && argv[i].starts_with("-"); ++i) {
    if (argv[i] == "-p") {
      parents = true;
    } else if (argv[i] == "-m" && i + 1 < argv.size()) {
      unsigned value = 0;
      const auto& text = argv[++i];
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 8);
      if (error != std::errc{} || end != text.data() + text.size() || value > 07777) return std::nullopt;
      mode = static_cast<mode_t>(value);
    } else {
      return std::nullopt;  // a form the module does not use: run the real mkdir
    }
  }
  if (!parents || i == argv.size()) return std::nullopt;
  for (; i < argv.size(); ++i) {
    if (auto outcome = make_directory(argv[i], mode); !outcome.ok()) return outcome;
  }
  return CommandOutcome{};
}

std::optional<CommandOutcome> touch_command(const Argv& argv) {
  if (argv.size() < 2) return std::nullopt;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (argv[i].starts_with("-")) return std::nullopt;
    const int fd = ::open(argv[i].c_str(), O_WRONLY | O_CREAT | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0666);
    if (fd < 0) return failure("touch: cannot touch '" + argv[i] + "'");
    const bool stamped = ::futimens(fd, nullptr) == 0;
    ::close(fd);
    if (!stamped) return failure("touch: setting times of '" + argv[i] + "'");
  }
  return CommandOutcome{};
}

// cp --remove-destination SRC DST: DST is unlinked first; the copy gets SRC's mode less the umask.
std::optional<CommandOutcome> cp_command(const Argv& argv) {
  if (argv.size() != 4 || argv[1] != "--remove-destination") return std::nullopt;
  const auto& source = argv[2];
  const auto& destination = argv[3];
  const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return failure("cp: cannot stat '" + source + "'");
  struct stat status {};
  ::fstat(in, &status);
  if (::unlink(destination.c_str()) < 0 && errno != ENOENT) {
    ::close(in);
    return failure("cp: cannot remove '" + destination + "'");
  }
  const int out = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, status.st_mode & 07777 & ~current_umask());
  if (out < 0) {
    ::close(in);
    return failure("cp: cannot create regular file '" + destination + "'");
  }
  std::vector<char> buffer(65536);
  CommandOutcome outcome;
  for (ssize_t got; (got = ::read(in, buffer.data(), buffer.size())) != 0;) {
    if (got < 0 || ::write(out, buffer.data(), static_cast<std::size_t>(got)) != got) {
      outcome = failure("cp: error copying '" + source + "' to '" + destination + "'");
      break;
    }
  }
  ::close(in);
  ::close(out);
  return outcome;
}

}  // namespace

std::optional<CommandOutcome> run_file_command(const Argv& argv) {
  if (argv.empty()) return std::nullopt;
  if (argv.front() == "mkdir") return mkdir_command(argv);
  if (argv.front() == "touch") return touch_command(argv);
  if (argv.front() == "cp") return cp_command(argv);
  return std::nullopt;
}

}  // namespace ctrlab::probe
