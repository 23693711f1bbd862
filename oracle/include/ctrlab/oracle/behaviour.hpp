#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

// How a container's init (ctrlab's probe) behaves in a scenario: the scenario's `probe`
// section. Not a NixOS option: it is what the test makes the container do.
namespace ctrlab::oracle {

enum class BootAction {
  stay_up,            // become ready, then run until asked to stop
  exit,               // become ready, then exit with `exit_code` after `after`
  reboot,             // become ready, then reboot(2) RESTART after `after` (nspawn exits 133)
  poweroff,           // become ready, then reboot(2) POWER_OFF after `after` (nspawn exits 0)
  hang_before_ready,  // never send READY=1 (TimeoutStartSec decides)
  exit_before_ready,  // exit with `exit_code` after `after`, never having sent READY=1
  notify_from_child,  // a child process sends READY=1, then the init stays up
};

// The names a scenario's `probe` section gives the actions ("stay-up", "exit-before-ready", ...),
// one table for the scenario parser and the probe's files.
[[nodiscard]] std::string_view to_string(BootAction action);
[[nodiscard]] std::optional<BootAction> parse_boot_action(std::string_view name);
// Whether the action takes an exit code ("code").
[[nodiscard]] bool takes_exit_code(BootAction action);

struct BootBehaviour {
  BootAction action = BootAction::stay_up;
  int exit_code = 0;                    // for BootAction::exit and exit_before_ready
  std::chrono::milliseconds after{0};   // delay after READY=1 (before the exit, for exit_before_ready) before the action
  bool ignore_kill_signal = false;      // do not exit on SIGRTMIN+3 (stop then escalates to SIGKILL)
};

// One entry per boot of the container, in order; the last one repeats for later boots.
struct ProbeScript {
  std::vector<BootBehaviour> boots{BootBehaviour{}};

  [[nodiscard]] const BootBehaviour& for_boot(std::size_t boot_index) const {
    return boots[boot_index < boots.size() ? boot_index : boots.size() - 1];
  }
};

}  // namespace ctrlab::oracle
