#include "system/notify_socket.hpp"

#include <sys/socket.h>
#include <sys/un.h>

#include <array>
#include <cstring>
#include <sstream>

#include "system/syscall.hpp"

namespace ctrlab::runner::sys {

NotifySocket::NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
  const std::string operation = "create notify socket " + path_.string();
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path_.string().size() >= sizeof address.sun_path) throw RunnerError(operation, "path too long");
  std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
  fd_.reset(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd_.valid()) throw_errno(operation);
  std::filesystem::remove(path_);
  if (::bind(fd_.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0) throw_errno(operation);
  const int on = 1;
  if (::setsockopt(fd_.get(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on) < 0) throw_errno(operation);
}

NotifySocket::~NotifySocket() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::optional<std::string> NotifySocket::receive() {
  std::array<char, 4096> buffer{};
  const auto got = retry_on_eintr([&] { return ::recv(fd_.get(), buffer.data(), buffer.size(), 0); });
  if (got < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
    throw_errno("receive from " + path_.string());
  }
  return std::string(buffer.data(), static_cast<std::size_t>(got));
}

std::optional<std::string> notify_field(const std::string& message, const std::string& name) {
  std::istringstream lines(message);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + "=")) return line.substr(name.size() + 1);
  }
  return std::nullopt;
}

}  // namespace ctrlab::runner::sys
