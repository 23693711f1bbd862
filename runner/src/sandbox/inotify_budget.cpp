#include "ctrlab/runner/inotify_budget.hpp"

#include <charconv>
#include <cstdint>
#include <filesystem>

#include "system/files.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;

std::size_t inotify_instances_in_use() {
  std::size_t count = 0;
  std::error_code error;
  for (fs::directory_iterator process("/proc", error), end; !error && process != end; process.increment(error)) {
    std::error_code ignored;
    for (fs::directory_iterator fd(process->path() / "fd", ignored), fds_end; !ignored && fd != fds_end; fd.increment(ignored)) {
      std::error_code unreadable;
      if (fs::read_symlink(fd->path(), unreadable).string() == "anon_inode:inotify") ++count;
    }
  }
  return count;
}

std::size_t inotify_limit() {
  const auto text = sys::read_file_if_exists("/proc/sys/fs/inotify/max_user_instances").value_or("");
  std::size_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

InotifyBudget inotify_budget() { return {inotify_limit(), inotify_instances_in_use()}; }

std::size_t inotify_instances_needed(Payload payload, std::size_t containers, std::size_t sandboxes) {
  const std::size_t per_container = payload == Payload::systemd ? systemd_container_inotify_instances : 0;
  return sandboxes * (sandbox_inotify_instances + per_container * containers);
}

std::size_t sandboxes_that_fit(const InotifyBudget& budget, Payload payload, std::size_t containers) {
  if (budget.limit == 0) return SIZE_MAX;
  const auto left = budget.limit > budget.in_use ? budget.limit - budget.in_use : 0;
  return left / inotify_instances_needed(payload, containers);
}

std::string inotify_shortfall(const InotifyBudget& budget, Payload payload, std::size_t containers, std::size_t sandboxes) {
  const auto needed = inotify_instances_needed(payload, containers, sandboxes);
  if (budget.limit == 0 || budget.in_use + needed <= budget.limit) return "";
  const auto left = budget.limit > budget.in_use ? budget.limit - budget.in_use : 0;
  std::string what = std::to_string(containers) + " container(s) with the " + std::string(to_string(payload)) + " payload";
  if (sandboxes > 1) {
    what = std::to_string(sandboxes) + " sandbox hosts side by side" +
           (payload == Payload::systemd ? " with " + what + " each" : std::string());
  }
  std::string text = what + " need about " + std::to_string(needed) +
                     " inotify instances, and this machine has " + std::to_string(left) +
                     " left (fs.inotify.max_user_instances = " + std::to_string(budget.limit) +
                     " for root, shared by every root process and every sandbox; " + std::to_string(budget.in_use) +
                     " in use). ";
  std::string way_out;
  if (sandboxes > 1) {
    if (const auto fit = sandboxes_that_fit(budget, payload, containers); fit > 0) {
      way_out = "At most " + std::to_string(fit) + " sandbox host(s) fit now; use --jobs " + std::to_string(fit) + ", ";
    }
  } else {
    if (payload == Payload::systemd && left > sandbox_inotify_instances) {
      text += "At most " + std::to_string((left - sandbox_inotify_instances) / systemd_container_inotify_instances) +
              " fit now; ";
    }
    way_out = "use fewer containers or --payload probe, ";
  }
  return text + way_out + "wait for other runs to end, or raise the limit (sysctl fs.inotify.max_user_instances=" +
         std::to_string(2 * (budget.in_use + needed)) + ")";
}

}  // namespace ctrlab::runner
