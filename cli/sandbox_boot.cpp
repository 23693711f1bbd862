#include "sandbox_boot.hpp"

#include "ctrlab/runner/tools.hpp"

namespace ctrlab::cli {

std::unique_ptr<runner::Sandbox> boot_sandbox(std::ostream& out) {
  runner::SandboxOptions options;
  options.tools = {runner::tools::locate(runner::tools::probe_program), runner::tools::locate(runner::tools::commands_program)};
  out << "booting the sandbox host...\n" << std::flush;
  auto sandbox = std::make_unique<runner::Sandbox>(options);
  for (const auto& leftover : sandbox->reaped_leftovers()) {
    out << "removed what a killed run left: " << leftover.kind << " " << leftover.what << '\n';
  }
  out << "sandbox " << sandbox->machine_name() << " up in "
      << std::chrono::duration_cast<std::chrono::milliseconds>(sandbox->boot_duration()).count() << " ms\n";
  for (const auto& limit : sandbox->unapplied_limits()) out << "sandbox limit not applied: " << limit << '\n';
  return sandbox;
}

}  // namespace ctrlab::cli
