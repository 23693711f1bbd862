#include "ctrlab/runner/rooted_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sys/fsuid.h>

#include <array>
#include <exception>
#include <sstream>
#include <thread>
#include <utility>

#include "system/files.hpp"
#include "system/syscall.hpp"
#include "system/unique_fd.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;
using sys::UniqueFd;

// Deeper trees than this are left for the sandbox's own teardown (its root is a tmpfs that
// goes with it): the removal holds one descriptor per level.
constexpr int max_removal_depth = 128;

std::string relative_of(const fs::path& inside) {
  const auto relative = inside.lexically_normal().relative_path().string();
  return relative.empty() ? std::string(".") : relative;
}

// openat2 below `root`: `..` and absolute symlinks stop at the root; /proc magic links, which
// could point anywhere, are refused. EAGAIN is the kernel asking to retry after a concurrent
// rename somewhere in the tree.
int open_below(int root, const fs::path& inside, std::uint64_t flags, mode_t mode = 0) {
  open_how how{};
  how.flags = flags | O_CLOEXEC;
  how.mode = (flags & O_CREAT) != 0 ? mode : 0;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  const auto relative = relative_of(inside);
  for (int attempt = 0;; ++attempt) {
    const auto fd = static_cast<int>(::syscall(SYS_openat2, root, relative.c_str(), &how, sizeof how));
    if (fd >= 0 || (errno != EAGAIN && errno != EINTR) || attempt == 100) return fd;
  }
}

bool missing(int error) { return error == ENOENT || error == ENOTDIR || error == ESRCH; }

std::optional<std::uint64_t> mount_id(int fd) {
  struct statx attributes {};
  if (::statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &attributes) < 0 || (attributes.stx_mask & STATX_MNT_ID) == 0) {
    return std::nullopt;
  }
  return attributes.stx_mnt_id;
}

std::vector<std::string> names_in(int directory_fd) {
  std::vector<std::string> names;
  const int own = ::openat(directory_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (own < 0) return names;
  DIR* stream = ::fdopendir(own);
  if (stream == nullptr) {
    ::close(own);
    return names;
  }
  while (const dirent* entry = ::readdir(stream)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(stream);
  return names;
}

// Empties a directory that lies on mount `mount`, entering no other mount and following no
// symlink (every step is one name below a descriptor, opened O_NOFOLLOW).
void remove_contents(int directory_fd, std::uint64_t mount, int depth) {
  for (const auto& name : names_in(directory_fd)) {
    struct stat status {};
    if (::fstatat(directory_fd, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) < 0) continue;
    if (S_ISDIR(status.st_mode)) {
      UniqueFd child(::openat(directory_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!child.valid() || mount_id(child.get()) != mount || depth >= max_removal_depth) continue;
      remove_contents(child.get(), mount, depth + 1);
      (void)::unlinkat(directory_fd, name.c_str(), AT_REMOVEDIR);
    } else {
      (void)::unlinkat(directory_fd, name.c_str(), 0);
    }
  }
}

// The host id that a process's user namespace maps its id 0 to, from /proc/PID/uid_map or
// gid_map ("INSIDE OUTSIDE COUNT" per line); 0 when the process shares the host's ids.
unsigned long root_id_of(pid_t host_pid, const char* map) {
  std::istringstream lines(sys::read_file(fs::path("/proc") / std::to_string(host_pid) / map));
  for (unsigned long inside = 0, outside = 0, count = 0; lines >> inside >> outside >> count;) {
    if (inside == 0 && count > 0) return outside;
  }
  throw RunnerError(std::string("read /proc/") + std::to_string(host_pid) + "/" + map, "no mapping of id 0");
}

}  // namespace

RootedFiles RootedFiles::of_process(pid_t host_pid) {
  const auto description = "/proc/" + std::to_string(host_pid) + "/root";
  const auto uid = static_cast<uid_t>(root_id_of(host_pid, "uid_map"));
  const auto gid = static_cast<gid_t>(root_id_of(host_pid, "gid_map"));
  const int fd = ::open(description.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) sys::throw_errno("open " + description);
  return RootedFiles(fd, description, uid, gid);
}

RootedFiles::RootedFiles(int root_fd, std::string description, uid_t owner_uid, gid_t owner_gid)
    : root_fd_(root_fd), owner_uid_(owner_uid), owner_gid_(owner_gid), description_(std::move(description)) {}

RootedFiles::RootedFiles(RootedFiles&& other) noexcept
    : root_fd_(std::exchange(other.root_fd_, -1)),
      owner_uid_(other.owner_uid_),
      owner_gid_(other.owner_gid_),
      description_(std::move(other.description_)) {}

RootedFiles& RootedFiles::operator=(RootedFiles&& other) noexcept {
  if (this != &other) {
    if (root_fd_ >= 0) ::close(root_fd_);
    root_fd_ = std::exchange(other.root_fd_, -1);
    owner_uid_ = other.owner_uid_;
    owner_gid_ = other.owner_gid_;
    description_ = std::move(other.description_);
  }
  return *this;
}

// Files are created as the tree's root would create them: from a thread whose file-system ids
// are that root's host ids (setfsuid/setfsgid act on the calling thread alone). The kernel
// refuses (EOVERFLOW) to create a file on a file system mounted in a user namespace for an
// owner that namespace cannot name, such as the host's root; and what the runner makes then
// belongs to the tree's root, with no chown afterwards. The thread has, for files, only the
// rights of that root on the host: it writes where that root may write.
void RootedFiles::as_owner(const std::function<void()>& action) const {
  if (owner_uid_ == 0 && owner_gid_ == 0) {
    action();
    return;
  }
  std::exception_ptr failure;
  std::thread creator([&] {
    try {
      (void)::setfsgid(owner_gid_);
      (void)::setfsuid(owner_uid_);
      if (static_cast<uid_t>(::setfsuid(owner_uid_)) != owner_uid_) throw RunnerError("act as " + description_ + "'s root", "setfsuid refused");
      action();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  creator.join();
  if (failure) std::rethrow_exception(failure);
}

RootedFiles::~RootedFiles() {
  if (root_fd_ >= 0) ::close(root_fd_);
}

std::optional<std::string> RootedFiles::read_if_exists(const fs::path& inside, std::size_t max_bytes) const {
  const std::string operation = "read " + inside.string() + " in " + description_;
  // O_NONBLOCK: a FIFO planted where a file is expected must not stall the run at open.
  UniqueFd fd(open_below(root_fd_, inside, O_RDONLY | O_NONBLOCK));
  if (!fd.valid()) {
    if (missing(errno)) return std::nullopt;
    sys::throw_errno(operation);
  }
  struct stat status {};
  if (::fstat(fd.get(), &status) < 0) sys::throw_errno(operation);
  if (!S_ISREG(status.st_mode)) throw RunnerError(operation, "not a regular file");
  std::string text;
  std::array<char, 16384> buffer{};
  for (;;) {
    const auto got = sys::retry_on_eintr([&] { return ::read(fd.get(), buffer.data(), buffer.size()); });
    if (got < 0) {
      if (errno == ESRCH) return std::nullopt;  // a /proc file of a process that exited
      sys::throw_errno(operation);
    }
    if (got == 0) return text;
    if (text.size() + static_cast<std::size_t>(got) > max_bytes) {
      throw RunnerError(operation, "larger than " + std::to_string(max_bytes) + " bytes");
    }
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
}

bool RootedFiles::exists(const fs::path& inside) const {
  UniqueFd fd(open_below(root_fd_, inside, O_PATH | O_NOFOLLOW));
  return fd.valid();
}

std::optional<std::string> RootedFiles::read_link(const fs::path& inside) const {
  UniqueFd fd(open_below(root_fd_, inside, O_PATH | O_NOFOLLOW));
  if (!fd.valid()) return std::nullopt;
  std::array<char, 4096> target{};
  const auto length = ::readlinkat(fd.get(), "", target.data(), target.size());
  if (length < 0) return std::nullopt;
  return std::string(target.data(), static_cast<std::size_t>(length));
}

std::vector<std::string> RootedFiles::list_directory(const fs::path& inside) const {
  UniqueFd fd(open_below(root_fd_, inside, O_RDONLY | O_DIRECTORY));
  if (!fd.valid()) return {};
  return names_in(fd.get());
}

void RootedFiles::write_atomically(const fs::path& inside, std::string_view text, mode_t mode) const {
  as_owner([&] {
    const std::string operation = "write " + inside.string() + " in " + description_;
    const auto name = inside.filename().string();
    if (name.empty()) throw RunnerError(operation, "not a file name");
    UniqueFd directory(open_below(root_fd_, inside.parent_path(), O_PATH | O_DIRECTORY));
    if (!directory.valid()) sys::throw_errno(operation);
    const auto temporary = name + ".ctrlab-new";
    (void)::unlinkat(directory.get(), temporary.c_str(), 0);
    {
      UniqueFd file(::openat(directory.get(), temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
      if (!file.valid()) sys::throw_errno(operation);
      if (::fchmod(file.get(), mode) < 0) sys::throw_errno(operation);
      sys::write_all(file.get(), text, operation);
    }
    if (::renameat(directory.get(), temporary.c_str(), directory.get(), name.c_str()) < 0) sys::throw_errno(operation);
  });
}

std::vector<fs::path> RootedFiles::create_directories(const fs::path& inside, mode_t mode) const {
  std::vector<fs::path> created;
  as_owner([&] {
    fs::path partial = "/";
    for (const auto& part : inside.lexically_normal().relative_path()) {
      if (part.empty() || part == ".") continue;
      const std::string operation = "create directory " + (partial / part).string() + " in " + description_;
      UniqueFd parent(open_below(root_fd_, partial, O_PATH | O_DIRECTORY));
      if (!parent.valid()) sys::throw_errno(operation);
      partial /= part;
      if (::mkdirat(parent.get(), part.c_str(), mode) == 0) {
        created.push_back(partial);
      } else if (errno != EEXIST) {
        sys::throw_errno(operation);
      }
    }
  });
  return created;
}

void RootedFiles::make_symlink(const fs::path& inside, const fs::path& target) const {
  as_owner([&] {
    const std::string operation = "create symlink " + inside.string() + " in " + description_;
    UniqueFd directory(open_below(root_fd_, inside.parent_path(), O_PATH | O_DIRECTORY));
    if (!directory.valid()) sys::throw_errno(operation);
    const auto name = inside.filename().string();
    if (::unlinkat(directory.get(), name.c_str(), 0) < 0 && errno != ENOENT) sys::throw_errno(operation);
    if (::symlinkat(target.c_str(), directory.get(), name.c_str()) < 0) sys::throw_errno(operation);
  });
}

void RootedFiles::copy_in(const fs::path& host_file, const fs::path& inside, mode_t mode) const {
  write_atomically(inside, sys::read_file(host_file), mode);
}

bool RootedFiles::hard_link(const fs::path& existing, const fs::path& link) const {
  bool linked = false;
  as_owner([&] {
    const std::string operation = "link " + link.string() + " to " + existing.string() + " in " + description_;
    UniqueFd from(open_below(root_fd_, existing.parent_path(), O_PATH | O_DIRECTORY));
    UniqueFd to(open_below(root_fd_, link.parent_path(), O_PATH | O_DIRECTORY));
    if (!from.valid() || !to.valid()) sys::throw_errno(operation);
    const auto name = link.filename().string();
    if (::unlinkat(to.get(), name.c_str(), 0) < 0 && errno != ENOENT) sys::throw_errno(operation);
    linked = ::linkat(from.get(), existing.filename().c_str(), to.get(), name.c_str(), 0) == 0;
    if (!linked && errno != EXDEV) sys::throw_errno(operation);
  });
  return linked;
}

void RootedFiles::remove_tree(const fs::path& inside) const {
  const std::string operation = "remove " + inside.string() + " in " + description_;
  const auto name = inside.lexically_normal().filename().string();
  if (name.empty() || name == "." || name == "..") throw RunnerError(operation, "refusing to remove a root");
  UniqueFd parent(open_below(root_fd_, inside.lexically_normal().parent_path(), O_PATH | O_DIRECTORY));
  if (!parent.valid()) {
    if (missing(errno)) return;
    sys::throw_errno(operation);
  }
  struct stat status {};
  if (::fstatat(parent.get(), name.c_str(), &status, AT_SYMLINK_NOFOLLOW) < 0) {
    if (missing(errno)) return;
    sys::throw_errno(operation);
  }
  if (!S_ISDIR(status.st_mode)) {
    if (::unlinkat(parent.get(), name.c_str(), 0) < 0 && !missing(errno)) sys::throw_errno(operation);
    return;
  }
  UniqueFd top(::openat(parent.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!top.valid()) sys::throw_errno(operation);
  const auto mount = mount_id(top.get());
  // A directory that is itself a mount point is not removed: it is not ours to remove.
  if (!mount || mount != mount_id(parent.get())) return;
  remove_contents(top.get(), *mount, 0);
  (void)::unlinkat(parent.get(), name.c_str(), AT_REMOVEDIR);
}

void RootedFiles::set_mode(const fs::path& inside, mode_t mode) const {
  as_owner([&] {
    UniqueFd fd(open_below(root_fd_, inside, O_PATH | O_NOFOLLOW));
    if (!fd.valid()) sys::throw_errno("chmod " + inside.string() + " in " + description_);
    // fchmod() refuses O_PATH descriptors; the descriptor's /proc/self/fd name does not.
    const auto path = "/proc/self/fd/" + std::to_string(fd.get());
    if (::chmod(path.c_str(), mode) < 0) sys::throw_errno("chmod " + inside.string() + " in " + description_);
  });
}

RootedFiles::Handle::Handle(Handle&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RootedFiles::Handle::~Handle() {
  if (fd_ >= 0) ::close(fd_);
}

fs::path RootedFiles::Handle::path() const { return fs::path("/proc/self/fd") / std::to_string(fd_); }

std::optional<RootedFiles::Handle> RootedFiles::open_directory(const fs::path& inside) const {
  const int fd = open_below(root_fd_, inside, O_PATH | O_DIRECTORY);
  if (fd < 0) return std::nullopt;
  return Handle(fd);
}

}  // namespace ctrlab::runner
