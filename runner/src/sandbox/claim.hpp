#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "system/unique_fd.hpp"

// A run's claim on its sandbox: the file /run/ctrlab/MACHINE.lock, flock(2)ed for as long as the
// run lives. The kernel drops the lock when the run ends, however it ends (SIGKILL included),
// so "nobody holds the lock" means exactly "the owner is gone": no pid that may be recycled,
// no path that depends on the environment. The file records where the sandbox's work
// directory is, so that whoever takes over an abandoned claim can remove it.
namespace ctrlab::runner {

class SandboxClaim {
 public:
  // Creates the claim, locked before its name appears (a reaper can never take it over
  // between creation and locking). Throws RunnerError when /run/ctrlab cannot be trusted.
  [[nodiscard]] static SandboxClaim take(const std::string& machine);
  // The claim in `file` if its owner is gone; nullopt while the owner lives, or when the file
  // is no claim (any more).
  [[nodiscard]] static std::optional<SandboxClaim> take_over_abandoned(const std::filesystem::path& file);

  SandboxClaim(SandboxClaim&&) noexcept = default;
  SandboxClaim& operator=(SandboxClaim&&) noexcept = default;
  SandboxClaim(const SandboxClaim&) = delete;
  SandboxClaim& operator=(const SandboxClaim&) = delete;
  // Releases the claim (removes its file).
  ~SandboxClaim();

  [[nodiscard]] const std::string& machine() const { return machine_; }
  [[nodiscard]] const std::optional<std::filesystem::path>& work_dir() const { return work_dir_; }
  void record_work_dir(const std::filesystem::path& work_dir);
  // Removes the claim file and lets the lock go; what it claimed must be gone first.
  void release() noexcept;

 private:
  SandboxClaim(std::string machine, sys::UniqueFd lock) : machine_(std::move(machine)), lock_(std::move(lock)) {}
  void write_record() const;

  std::string machine_;
  std::optional<std::filesystem::path> work_dir_;
  sys::UniqueFd lock_;
};

// Whether a live run holds a claim on this machine name.
[[nodiscard]] bool claim_exists(const std::string& machine);

}  // namespace ctrlab::runner
