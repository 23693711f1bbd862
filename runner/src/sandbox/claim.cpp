#include "sandbox/claim.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sandbox/naming.hpp"
#include "system/files.hpp"
#include "system/syscall.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;
namespace naming = sandbox_naming;
using sys::UniqueFd;

constexpr std::size_t max_record_bytes = 4096;

// /run/ctrlab, created 0700 if missing. One that another user owns or may write to is refused:
// whoever can write there could forge or remove the claims of live runs.
UniqueFd open_claims_dir() {
  const auto directory = naming::claims_dir();
  const std::string operation = "open the claims directory " + directory.string();
  if (::mkdir(directory.c_str(), 0700) < 0 && errno != EEXIST) sys::throw_errno(operation);
  UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) sys::throw_errno(operation);
  struct stat status {};
  if (::fstat(fd.get(), &status) < 0) sys::throw_errno(operation);
  if (status.st_uid != 0 || (status.st_mode & 022) != 0) {
    throw RunnerError(operation, "owned by uid " + std::to_string(status.st_uid) +
                                     " or writable by others; ctrlab trusts only a directory that is root's alone "
                                     "(remove it and run again)");
  }
  return fd;
}

std::string read_all(int fd) {
  std::string text(max_record_bytes, '\0');
  const auto got = ::pread(fd, text.data(), text.size(), 0);
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return text;
}

// Whether `fd` is still the file named `name` in `directory` (its owner may have removed it
// between our open and our lock).
bool still_named(int directory, const std::string& name, int fd) {
  struct stat opened {};
  struct stat named {};
  if (::fstat(fd, &opened) < 0 || opened.st_nlink == 0) return false;
  if (::fstatat(directory, name.c_str(), &named, AT_SYMLINK_NOFOLLOW) < 0) return false;
  return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

}  // namespace

SandboxClaim SandboxClaim::take(const std::string& machine) {
  const std::string operation = "claim sandbox " + machine;
  const auto name = naming::claim_path(machine).filename().string();
  // Another run may remove the (empty) directory between our mkdir and our create: try again.
  for (int attempt = 0;; ++attempt) {
    const auto directory = open_claims_dir();
    // A file without a name until it is locked and written: no reaper can see it half made.
    UniqueFd lock(::openat(directory.get(), ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (!lock.valid()) {
      if (errno == ENOENT && attempt < 10) continue;
      sys::throw_errno(operation);
    }
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) < 0) sys::throw_errno(operation + ": lock");
    SandboxClaim claim(machine, std::move(lock));
    claim.write_record();
    if (::linkat(claim.lock_.get(), "", directory.get(), name.c_str(), AT_EMPTY_PATH) < 0) {
      const int error = errno;
      claim.lock_.reset();
      if (error == ENOENT && attempt < 10) continue;
      sys::throw_errno(operation, error);
    }
    return claim;
  }
}

std::optional<SandboxClaim> SandboxClaim::take_over_abandoned(const fs::path& file) {
  const auto machine = naming::machine_of_claim(file);
  if (machine.empty()) return std::nullopt;
  UniqueFd directory(::open(naming::claims_dir().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!directory.valid()) return std::nullopt;
  const auto name = file.filename().string();
  UniqueFd lock(::openat(directory.get(), name.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC));
  if (!lock.valid()) return std::nullopt;
  if (::flock(lock.get(), LOCK_EX | LOCK_NB) < 0) return std::nullopt;  // its owner lives
  if (!still_named(directory.get(), name, lock.get())) return std::nullopt;
  SandboxClaim claim(machine, std::move(lock));
  const auto record = nlohmann::json::parse(read_all(claim.lock_.get()), nullptr, false);
  if (record.is_object() && record.value("machine", "") == machine) {
    const auto work_dir = fs::path(record.value("workDir", ""));
    if (work_dir.is_absolute() && naming::machine_of_work_dir(work_dir) == machine) claim.work_dir_ = work_dir;
  }
  return claim;
}

SandboxClaim::~SandboxClaim() { release(); }

void SandboxClaim::record_work_dir(const fs::path& work_dir) {
  work_dir_ = work_dir;
  write_record();
}

void SandboxClaim::write_record() const {
  nlohmann::json record = {{"machine", machine_}, {"ownerPid", ::getpid()}};
  if (work_dir_) record["workDir"] = work_dir_->string();
  const auto text = record.dump() + "\n";
  if (::ftruncate(lock_.get(), 0) < 0 || ::pwrite(lock_.get(), text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    sys::throw_errno("record the claim of sandbox " + machine_);
  }
}

void SandboxClaim::release() noexcept {
  if (!lock_.valid()) return;
  (void)::unlink(naming::claim_path(machine_).c_str());
  lock_.reset();
  // The directory goes with the last claim; another run's mkdir races harmlessly with this.
  (void)::rmdir(naming::claims_dir().c_str());
}

bool claim_exists(const std::string& machine) {
  struct stat status {};
  return ::lstat(naming::claim_path(machine).c_str(), &status) == 0;
}

}  // namespace ctrlab::runner
