#include "sandbox_boot.hpp"

#include <unistd.h>

#include <iostream>

#include "exit_codes.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/inotify_budget.hpp"
#include "ctrlab/runner/tools.hpp"

namespace ctrlab::cli {

std::unique_ptr<runner::Sandbox> boot_quiet_sandbox(std::size_t side_by_side) {
  runner::SandboxOptions options;
  options.tools = {runner::tools::locate(runner::tools::probe_program), runner::tools::locate(runner::tools::commands_program)};
  options.limits.side_by_side = side_by_side;
  return std::make_unique<runner::Sandbox>(options);
}

void describe_boot(std::ostream& out, const runner::Sandbox& sandbox) {
  for (const auto& leftover : sandbox.reaped_leftovers()) {
    out << "removed what a killed run left: " << leftover.kind << " " << leftover.what << '\n';
  }
  out << "sandbox " << sandbox.machine_name() << " up in "
      << std::chrono::duration_cast<std::chrono::milliseconds>(sandbox.boot_duration()).count() << " ms\n";
  for (const auto& limit : sandbox.unapplied_limits()) out << "sandbox limit not applied: " << limit << '\n';
}

std::unique_ptr<runner::Sandbox> boot_sandbox(std::ostream& out) {
  out << "booting the sandbox host...\n" << std::flush;
  auto sandbox = boot_quiet_sandbox(1);
  describe_boot(out, *sandbox);
  return sandbox;
}

int run_in_sandbox_host(std::string_view command, std::optional<SandboxLoad> load, const std::function<int()>& work) {
  if (::geteuid() != 0) {
    std::cerr << "ctrlab " << command << ": needs root (it boots a sandbox host with systemd-nspawn)\n";
    return exit_environment;
  }
  if (load) {
    if (const auto shortfall = runner::inotify_shortfall(runner::inotify_budget(), load->payload, load->containers, load->sandboxes);
        !shortfall.empty()) {
      std::cerr << "ctrlab " << command << ": " << shortfall << '\n';
      return exit_environment;
    }
  }
  try {
    return work();
  } catch (const runner::Interrupted&) {
    std::cerr << "ctrlab " << command << ": interrupted; everything it made has been removed\n";
    return exit_interrupted;
  } catch (const runner::RunnerError& error) {
    std::cerr << "ctrlab " << command << ": " << error.what() << '\n';
    return exit_environment;
  }
}

}  // namespace ctrlab::cli
