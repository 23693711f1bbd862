#include "system/inotify.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>

#include "system/syscall.hpp"

namespace ctrlab::runner::sys {

DirectoryWatch::DirectoryWatch() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (!fd_.valid()) throw_errno("create an inotify instance");
}

bool DirectoryWatch::add(const std::filesystem::path& directory) {
  return ::inotify_add_watch(fd_.get(), directory.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE) >= 0;
}

void DirectoryWatch::drain() {
  alignas(inotify_event) std::array<char, 4096> buffer{};
  while (::read(fd_.get(), buffer.data(), buffer.size()) > 0) {
  }
}

}  // namespace ctrlab::runner::sys
