#pragma once

#include <poll.h>

#include <filesystem>

#include "system/unique_fd.hpp"

namespace ctrlab::runner::sys {

// Tells when files appear in watched directories (a probe renaming its report into place).
class DirectoryWatch {
 public:
  DirectoryWatch();
  // Watches `directory` for files created or renamed into it; false if it does not exist.
  bool add(const std::filesystem::path& directory);
  [[nodiscard]] int fd() const { return fd_.get(); }
  // Consumes the pending notifications.
  void drain();
  [[nodiscard]] pollfd poll_entry() const { return pollfd{fd_.get(), POLLIN, 0}; }

 private:
  UniqueFd fd_;
};

}  // namespace ctrlab::runner::sys
