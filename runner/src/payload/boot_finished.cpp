#include "payload/boot_finished.hpp"

#include <charconv>
#include <sstream>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/sandbox.hpp"

namespace ctrlab::runner::payload_boot {
namespace {

// For each nspawn pid given: "PID FINISH", FINISH 0 where the container's systemd cannot be
// asked. nspawn's only child is the container's init; its systemd is reached through its own
// mount namespace (/run/systemd/private, as root) with the container's /usr.
constexpr const char* ask_each_systemd = R"(
for nspawn; do
  init=$(/usr/bin/cut -d' ' -f1 "/proc/$nspawn/task/$nspawn/children" 2>/dev/null)
  finished=
  if [ -n "$init" ]; then
    finished=$(/usr/bin/timeout "$CTRLAB_WAIT" /usr/bin/nsenter --target "$init" --mount --pid -- /usr/bin/sh -c \
      '/usr/bin/systemctl is-system-running --wait >/dev/null 2>&1; /usr/bin/systemctl show --property=FinishTimestampMonotonic --value' 2>/dev/null)
  fi
  echo "$nspawn ${finished:-0}"
done
)";

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::map<std::string, std::int64_t> from_probe_reports(const std::vector<Booting>& containers) {
  std::map<std::string, std::int64_t> finished;
  for (const auto& each : containers) {
    if (each.report && each.report->up && each.report->up_usec > 0) finished.emplace(each.container, each.report->up_usec);
  }
  return finished;
}

std::map<std::string, std::int64_t> from_container_managers(const Sandbox& sandbox, const std::vector<Booting>& containers,
                                                            std::chrono::seconds deadline) {
  std::map<std::uint32_t, std::string> by_pid;
  std::vector<std::string> command = {"/usr/bin/env", "CTRLAB_WAIT=" + std::to_string(deadline.count()),
                                      "/usr/bin/sh", "-uc", ask_each_systemd, "sh"};
  for (const auto& each : containers) {
    if (each.nspawn_pid == 0) continue;
    by_pid.emplace(each.nspawn_pid, each.container);
    command.push_back(std::to_string(each.nspawn_pid));
  }
  std::map<std::string, std::int64_t> finished;
  if (by_pid.empty()) return finished;
  const auto wait = deadline + std::chrono::seconds(30);
  std::istringstream lines(sandbox.run_inside(command, std::chrono::duration_cast<std::chrono::milliseconds>(wait)));
  for (std::string pid, stamp; lines >> pid >> stamp;) {
    const auto nspawn = number(pid);
    const auto usec = number(stamp);
    if (!nspawn || !usec || *usec <= 0) continue;
    const auto container = by_pid.find(static_cast<std::uint32_t>(*nspawn));
    if (container != by_pid.end()) finished.emplace(container->second, *usec);
  }
  return finished;
}

}  // namespace

std::map<std::string, std::int64_t> finished(const Sandbox& sandbox, Payload payload, const std::vector<Booting>& containers,
                                             std::chrono::seconds deadline) {
  if (payload == Payload::probe) return from_probe_reports(containers);
  return from_container_managers(sandbox, containers, deadline);
}

}  // namespace ctrlab::runner::payload_boot
