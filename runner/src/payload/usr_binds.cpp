#include "payload/usr_binds.hpp"

#include "ctrlab/runner/sandbox.hpp"

namespace ctrlab::runner::usr_binds {
namespace {

constexpr auto timeout = std::chrono::seconds(60);

// One shell for all targets (a process in the sandbox costs tens of milliseconds; a hundred
// containers would pay it a hundred times). The targets are arguments, never part of the script.
void for_each_target(const Sandbox& sandbox, const char* script, const std::vector<std::filesystem::path>& targets) {
  std::vector<std::string> command = {"/usr/bin/sh", "-euc", script, "sh"};
  for (const auto& target : targets) command.push_back(target.string());
  (void)sandbox.run_inside(command, timeout);
}

}  // namespace

void bind(const Sandbox& sandbox, const std::vector<std::filesystem::path>& targets,
          std::vector<std::filesystem::path>& bound) {
  if (targets.empty()) return;
  // Recorded first: a failure halfway leaves some bound, and unbind() skips what is not a mount.
  bound.insert(bound.end(), targets.begin(), targets.end());
  // Private: nothing mounted or unmounted elsewhere propagates into the bind, or out of it.
  for_each_target(sandbox, R"(for target; do /usr/bin/mount --rbind --make-rprivate /usr "$target"; done)", targets);
}

void unbind(const Sandbox& sandbox, std::vector<std::filesystem::path>& bound) {
  if (bound.empty()) return;
  // Detaching the top takes every mount below it along (the generators' and presets' binds).
  for_each_target(sandbox,
                  R"(for target; do if /usr/bin/mountpoint -q "$target"; then /usr/bin/umount --lazy "$target"; fi; done)",
                  bound);
  bound.clear();
}

}  // namespace ctrlab::runner::usr_binds
