#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/sim/time.hpp"

// What each step of starting and stopping a container costs on some machine: CPU work
// (shared with everything else runnable) and a fixed latency (waiting that uses no CPU:
// disk, the kernel, IPC). Measured costs go into a calibration file; see
// sim/calibrations/README.md for the format.
namespace ctrlab::sim {

enum class Phase {
  manager_job,       // systemd's own work to run one start/stop/restart job (single-threaded)
  manager_event,     // systemd's own work on what a unit's process reports (an exit, READY=1)
  start_pre,         // ExecStartPre= (the module's preStart: machinectl terminate, ip link del)
  nspawn_setup,      // nspawn from exec until the container's init runs (mounts, namespaces, veth)
  init_until_ready,  // the container's init until it sends READY=1
  start_post,        // ExecStartPost= (the module's postStart: host-side addresses and routes)
  exec_stop,         // ExecStop= (the 2014/2018 modules' preStop)
  stop_post,         // ExecStopPost=
  shutdown,          // the container's init from the halt signal until it exits
  teardown,          // nspawn after the container ended until it exits (veth removal, unmounts)
};

inline constexpr std::size_t phase_count = 10;

[[nodiscard]] std::string_view to_string(Phase phase);

struct PhaseCost {
  Duration cpu{0};      // CPU time of one core
  Duration latency{0};  // waiting before the CPU work, independent of load
  // How many processes do the CPU work side by side (a booting systemd starts its units in
  // parallel): the scheduler's fair share is per process, so a phase with more of them gets
  // more of a loaded machine (processor_sharing.hpp). JSON "processes", 1 where unsaid.
  unsigned processes = 1;
  // CPU work done after the rest while holding the host's one lock that serialises container
  // setups (the kernel's cgroup and namespace creation, taken one caller at a time): a setup
  // waits for the ones before it. JSON "serial_cpu_seconds".
  Duration serial{0};
  // Waiting done first, holding that lock: no CPU, but the setups behind it in the lock's queue
  // wait too. Measured: in a mass start of 200 probe containers the setups end one by one about
  // 20 ms apart, roughly in the order they began, while each container's CPU stays what it is
  // at 10 and 50 (about 72 ms; bench/README.md, "Mass autostart"). JSON "serial_wait_seconds".
  Duration serial_wait{0};

  friend bool operator==(const PhaseCost&, const PhaseCost&) = default;
};

struct Calibration {
  std::string name;
  std::string description;
  std::string source;       // where the figures come from: the command and the machine that measured them
  unsigned cores = 2;       // the machine's cores, unless the command line says otherwise
  double spread = 0.0;      // each cost is scaled by a factor drawn uniformly from [1-spread, 1+spread]
  std::uint64_t seed = 1;   // for those draws, unless the command line says otherwise
  std::array<PhaseCost, phase_count> phases{};
  // CPU work each nspawn's setup costs for every other nspawn on the host whose container is not
  // up yet: the host-wide work that grows with the number of containers starting together (the
  // manager's units, cgroups and D-Bus traffic, machined's registry, the kernel's interfaces),
  // which makes a mass start's total cost grow faster than the number of containers. A
  // container that is up adds none (Host::starting_nspawns). JSON "crowding_cpu_seconds".
  Duration crowding_cpu{0};

  [[nodiscard]] const PhaseCost& cost(Phase phase) const { return phases[static_cast<std::size_t>(phase)]; }
  PhaseCost& cost(Phase phase) { return phases[static_cast<std::size_t>(phase)]; }

  friend bool operator==(const Calibration&, const Calibration&) = default;
};

// Parses a calibration file's text. Throws InputError with the JSON path of the offending
// value ("$.phases.init_until_ready.cpu_seconds") and what was expected.
[[nodiscard]] Calibration parse_calibration(std::string_view json_text);
// The calibration file's document, which parse_calibration() reads back as it was (costs to the
// microsecond).
[[nodiscard]] nlohmann::json calibration_document(const Calibration& calibration);

// The calibrations shipped in sim/calibrations/, compiled in:
//  "nixos-container" — a NixOS container booting on this machine kind (the default for
//                      `ctrlab sim`);
//  "probe"           — ctrlab's probe as the container's init (the default for timelines);
//  "issue-65001"     — the per-container cost that reproduces nixpkgs issue #65001.
// Throws InputError for an unknown name.
[[nodiscard]] Calibration builtin_calibration(std::string_view name);
[[nodiscard]] std::string_view builtin_calibration_text(std::string_view name);

}  // namespace ctrlab::sim
