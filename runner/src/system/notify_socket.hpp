#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "system/unique_fd.hpp"

namespace ctrlab::runner::sys {

// The receiving end of the sd_notify protocol: a datagram socket a child finds through
// $NOTIFY_SOCKET. systemd-nspawn reports X_NSPAWN_LEADER_PID= and READY=1 through it.
class NotifySocket {
 public:
  explicit NotifySocket(std::filesystem::path path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  [[nodiscard]] int fd() const { return fd_.get(); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // One pending message, or nullopt when none is queued.
  std::optional<std::string> receive();

 private:
  std::filesystem::path path_;
  UniqueFd fd_;
};

// The value of NAME= in a notify message ("A=1\nNAME=value\n"), if present.
[[nodiscard]] std::optional<std::string> notify_field(const std::string& message, const std::string& name);

}  // namespace ctrlab::runner::sys
