#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "ctrlab/runner/netlink.hpp"

namespace ctrlab::runner {
namespace {

int open_namespace(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw NetlinkError("open " + path, errno);
  return fd;
}

}  // namespace

NetlinkError::NetlinkError(std::string operation, int error_number)
    : std::runtime_error(operation + ": " + std::strerror(error_number)),
      operation_(std::move(operation)),
      error_number_(error_number) {}

NetworkNamespace NetworkNamespace::create() {
  // unshare() moves only the calling thread, so a helper thread makes the namespace and
  // hands back a handle on it; nobody else's namespace changes.
  int fd = -1;
  int failure = 0;
  std::string failed;
  std::thread maker([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      failure = errno;
      failed = "unshare(CLONE_NEWNET)";
      return;
    }
    fd = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      failure = errno;
      failed = "open /proc/thread-self/ns/net";
    }
  });
  maker.join();
  if (fd < 0) throw NetlinkError(failed, failure);
  return NetworkNamespace(fd);
}

NetworkNamespace NetworkNamespace::of_process(pid_t pid) {
  return NetworkNamespace(open_namespace("/proc/" + std::to_string(pid) + "/ns/net"));
}

NetworkNamespace NetworkNamespace::current() { return NetworkNamespace(open_namespace("/proc/thread-self/ns/net")); }

NetworkNamespace::NetworkNamespace(NetworkNamespace&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

NetworkNamespace& NetworkNamespace::operator=(NetworkNamespace&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

NetworkNamespace::~NetworkNamespace() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace ctrlab::runner
