#pragma once

#include "ctrlab/oracle/signal.hpp"

// What systemd-nspawn 252 does with a signal the service manager sends it: the unit's
// KillSignal= when systemd stops the unit, or `systemctl kill`. The effects model (where the
// interfaces go at a stop), the simulator (the unit's dynamics) and the runner (when to stop
// waiting for a stop that cannot come) all read it from here.
namespace ctrlab::oracle {

enum class NspawnSignalEffect {
  // SIGTERM, SIGINT: on_orderly_shutdown(). The first forwards the kill signal (--kill-signal=,
  // else SIGRTMIN+3 with --boot) to the container's init and nspawn exits by itself once the
  // container has ended; without a kill signal, or on a second one, nspawn ends the container
  // at once. Either way nspawn tears down what it set up (it moves interfaces back).
  orderly_shutdown,
  // Every other signal whose default action ends a process (SIGKILL, SIGHUP, SIGRTMIN+n,
  // SIGQUIT, ...): nspawn is killed (or dumps core) and leaves its container to the kernel.
  dies,
  // Signals nspawn handles for other purposes (SIGCHLD; SIGWINCH, a terminal resize) and those
  // whose default action ignores, stops or continues a process (SIGURG, SIGCONT, SIGSTOP, ...):
  // the container keeps running until the stop timeout ends with SIGKILL.
  container_keeps_running,
};

[[nodiscard]] NspawnSignalEffect nspawn_signal_effect(Signal signal);

}  // namespace ctrlab::oracle
