#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A directory tree the runner does not trust: the root of the sandbox (or of a container),
// whose every symlink, `..` and mount a scenario may have planted. The host reaches it
// through /proc/PID/root, where an absolute symlink would resolve against the *host's* root;
// here every path is resolved by the kernel inside the tree (openat2 RESOLVE_IN_ROOT, magic
// links refused), so nothing a scenario places there can lead the runner's reads, writes or
// removals onto the host's own files. Paths are given as the tree's own processes see them
// ("/run/systemd/system/x.service"). What the runner creates there belongs to the tree's own
// root (the host uid its user namespace maps 0 to), as if that root had made it. Failures are
// RunnerError naming the path.
namespace ctrlab::runner {

class RootedFiles {
 public:
  // The root directory of a process, as the process sees it; files made there belong to the
  // process's root user.
  [[nodiscard]] static RootedFiles of_process(pid_t host_pid);

  RootedFiles(RootedFiles&& other) noexcept;
  RootedFiles& operator=(RootedFiles&& other) noexcept;
  RootedFiles(const RootedFiles&) = delete;
  RootedFiles& operator=(const RootedFiles&) = delete;
  ~RootedFiles();

  // Reads a regular file (anything else — a FIFO, a device, a directory — is an error), at most
  // `max_bytes` of it; nullopt when it does not exist.
  static constexpr std::size_t default_max_bytes = std::size_t{16} << 20;
  [[nodiscard]] std::optional<std::string> read_if_exists(const std::filesystem::path& inside,
                                                          std::size_t max_bytes = default_max_bytes) const;
  [[nodiscard]] bool exists(const std::filesystem::path& inside) const;
  // The target of a symlink in the tree (magic links of its /proc included), without following it.
  [[nodiscard]] std::optional<std::string> read_link(const std::filesystem::path& inside) const;
  // The names in a directory; empty when it does not exist.
  [[nodiscard]] std::vector<std::string> list_directory(const std::filesystem::path& inside) const;

  // Writes through a temporary name and rename(2) in the same directory: a planted symlink at
  // `inside` is replaced, never followed.
  void write_atomically(const std::filesystem::path& inside, std::string_view text, mode_t mode = 0644) const;
  // Creates the missing directories of a path; returns those it created, outermost first.
  std::vector<std::filesystem::path> create_directories(const std::filesystem::path& inside, mode_t mode = 0755) const;
  // Replaces whatever is at `inside` (but a directory) by a symlink to `target`.
  void make_symlink(const std::filesystem::path& inside, const std::filesystem::path& target) const;
  // Copies a file of the host into the tree.
  void copy_in(const std::filesystem::path& host_file, const std::filesystem::path& inside, mode_t mode) const;
  // A hard link of a file of the tree; false when the two are on different file systems.
  bool hard_link(const std::filesystem::path& existing, const std::filesystem::path& link) const;
  // Sets a file's or directory's mode (no symlink is followed).
  void set_mode(const std::filesystem::path& inside, mode_t mode) const;
  // Removes a tree without following symlinks and without entering another mount: a file
  // system mounted below `inside` (a bind of the sandbox's own root, say) is left as it is, and
  // so is `inside` itself when it is a mount point. A missing tree is not an error.
  void remove_tree(const std::filesystem::path& inside) const;


  // A path the host's own APIs (inotify, connect) can be given for a directory of the tree:
  // /proc/self/fd/N of a descriptor opened inside it, valid while the returned object lives.
  class Handle {
   public:
    explicit Handle(int fd) : fd_(fd) {}
    Handle(Handle&& other) noexcept;
    Handle& operator=(Handle&&) = delete;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle();
    [[nodiscard]] std::filesystem::path path() const;

   private:
    int fd_ = -1;
  };
  [[nodiscard]] std::optional<Handle> open_directory(const std::filesystem::path& inside) const;

 private:
  RootedFiles(int root_fd, std::string description, uid_t owner_uid, gid_t owner_gid);
  void as_owner(const std::function<void()>& action) const;

  int root_fd_ = -1;
  uid_t owner_uid_ = 0;
  gid_t owner_gid_ = 0;
  std::string description_;  // "/proc/PID/root", for error messages
};

}  // namespace ctrlab::runner
