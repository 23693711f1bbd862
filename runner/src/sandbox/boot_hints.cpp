#include "sandbox/boot_hints.hpp"

#include <charconv>
#include <filesystem>

#include "system/files.hpp"

namespace ctrlab::runner::boot_hints {
namespace {

namespace fs = std::filesystem;

std::size_t inotify_instances_in_use() {
  std::size_t count = 0;
  std::error_code error;
  for (fs::directory_iterator process("/proc", error), end; !error && process != end; process.increment(error)) {
    std::error_code ignored;
    for (fs::directory_iterator fd(process->path() / "fd", ignored), fds_end; !ignored && fd != fds_end; fd.increment(ignored)) {
      std::error_code unreadable;
      if (fs::read_symlink(fd->path(), unreadable).string() == "anon_inode:inotify") ++count;
    }
  }
  return count;
}

std::size_t limit() {
  const auto text = sys::read_file_if_exists("/proc/sys/fs/inotify/max_user_instances").value_or("");
  std::size_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

std::string inotify_instances() {
  const auto allowed = limit();
  const auto used = inotify_instances_in_use();
  if (allowed == 0 || used + 8 < allowed) return "";
  return "this machine's inotify instances are used up (" + std::to_string(used) + " of fs.inotify.max_user_instances = " +
         std::to_string(allowed) + ", shared by root's processes and every sandbox): a systemd that finds none exits at "
         "once. Wait for other runs to end, or raise the limit (sysctl fs.inotify.max_user_instances=1024)";
}

}  // namespace ctrlab::runner::boot_hints
