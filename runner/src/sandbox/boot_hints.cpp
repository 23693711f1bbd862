#include "sandbox/boot_hints.hpp"

#include "ctrlab/runner/inotify_budget.hpp"

namespace ctrlab::runner::boot_hints {

std::string inotify_instances() {
  const auto budget = inotify_budget();
  // A few left are as good as none: the sandbox's systemd and journald take several.
  if (budget.limit == 0 || budget.in_use + 8 < budget.limit) return "";
  return "this machine's inotify instances are used up (" + std::to_string(budget.in_use) +
         " of fs.inotify.max_user_instances = " + std::to_string(budget.limit) +
         ", shared by root's processes and every sandbox): a systemd that finds none exits at "
         "once. Wait for other runs to end, or raise the limit (sysctl fs.inotify.max_user_instances=1024)";
}

}  // namespace ctrlab::runner::boot_hints
