#pragma once

#include <optional>
#include <string>

#include "ctrlab/oracle/nspawn_arguments.hpp"
#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/sim/systemd_vocabulary.hpp"

// What systemd-nspawn (v252) does with its container's end and with the signals it gets,
// as far as the unit running it can tell (src/nspawn/nspawn.c run(), run_container(),
// wait_for_container(), on_orderly_shutdown()).
namespace ctrlab::sim {

// The nspawn options that change the unit's dynamics, read from its argv.
struct NspawnOptions {
  bool keep_unit = false;                  // --keep-unit
  bool boot = false;                       // -b / --boot
  std::optional<Signal> kill_signal;       // --kill-signal=, as given
  bool notify_ready = false;               // --notify-ready=yes
  bool registers_machine = true;           // --register= (yes unless told otherwise): with systemd-machined
  // Set when nspawn would refuse its command line (an unknown option, a bad value); nspawn
  // then exits 1 before starting a container.
  std::optional<std::string> argv_error;

  // The signal nspawn sends the container's PID 1 on the first SIGTERM/SIGINT: --kill-signal,
  // else SIGRTMIN+3 with --boot, else none (nspawn then kills the container at once).
  [[nodiscard]] std::optional<Signal> effective_kill_signal() const;
};

// What the options of an argv nspawn read (oracle::read_nspawn_arguments()) mean for the dynamics.
[[nodiscard]] NspawnOptions nspawn_options_from(const oracle::NspawnArguments& arguments);
// Reads argv (argv[0] is the nspawn binary) as nspawn's getopt_long does: short options may be
// bundled, long options may be abbreviated, option parsing stops at the first non-option.
[[nodiscard]] NspawnOptions nspawn_options_from_argv(const oracle::Argv& argv);

// How the container's PID 1 ended.
enum class InitEnd {
  exited,       // exit(status)
  rebooted,     // reboot(2) RESTART inside the PID namespace: PID 1 dies of SIGHUP
  powered_off,  // reboot(2) POWER_OFF or HALT: PID 1 dies of SIGINT
  killed,       // any other signal (status = the signal)
};

struct ContainerEnd {
  InitEnd how = InitEnd::exited;
  int status = 0;  // exit status for `exited`, signal number for `killed`

  [[nodiscard]] static ContainerEnd exit_with(int status) { return {InitEnd::exited, status}; }
  [[nodiscard]] static ContainerEnd reboot() { return {InitEnd::rebooted, 0}; }
  [[nodiscard]] static ContainerEnd poweroff() { return {InitEnd::powered_off, 0}; }
  [[nodiscard]] static ContainerEnd killed_by(Signal signal) { return {InitEnd::killed, signal.number}; }
};

// What nspawn does when its container ends: either it runs the container again in the same
// process (a reboot without --keep-unit), or it exits with a status.
struct NspawnReaction {
  bool runs_container_again = false;
  int exit_status = 0;
};

// The exit-status mapping: exit N → N; exit 133 → 1 (133 is reserved for "reboot");
// reboot → 133 with --keep-unit, else the container runs again; poweroff/halt → 0; killed by
// any other signal → 1.
[[nodiscard]] NspawnReaction nspawn_reaction(const ContainerEnd& end, const NspawnOptions& options);

// The status nspawn exits with when it gives up on the container itself (a second SIGTERM,
// no --kill-signal, a setup error): 1.
inline constexpr int nspawn_failure_status = 1;
// The exit status that asks systemd for a full restart.
inline constexpr int nspawn_force_restart_status = 133;

}  // namespace ctrlab::sim
