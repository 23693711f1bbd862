#include "run/machined.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/systemd_client.hpp"

namespace ctrlab::autostart {

void start_machined(runner::SystemdClient& systemd) {
  constexpr auto timeout = std::chrono::seconds(30);
  std::optional<std::string> result;
  std::uint32_t job = 0;
  systemd.on_job_removed([&](const runner::JobRemoved& removed) {
    if (removed.id == job) result = removed.result;
  });
  job = systemd.start_unit("systemd-machined.service");
  const bool ended = systemd.run_until([&] { return result.has_value(); }, std::chrono::steady_clock::now() + timeout);
  systemd.on_job_removed(nullptr);
  if (!ended || *result != "done") {
    throw runner::RunnerError("start systemd-machined in the sandbox", ended ? "its start job ended " + *result : "it did not start in time");
  }
}

}  // namespace ctrlab::autostart
