#pragma once

#include <chrono>

#include "ctrlab/oracle/prediction.hpp"
#include "ctrlab/sim/systemd_vocabulary.hpp"
#include "ctrlab/sim/service_types.hpp"
#include "ctrlab/sim/time.hpp"

namespace ctrlab::sim {

// Which of a service's commands exist besides ExecStart=. NixOS's preStart, postStart,
// preStop and postStop become ExecStartPre=, ExecStartPost=, ExecStop= and ExecStopPost=.
struct ExecCommands {
  bool start_pre = false;
  bool start_post = false;
  bool stop = false;
  bool stop_post = false;

  friend bool operator==(const ExecCommands&, const ExecCommands&) = default;
};

// The properties of a service unit that decide its dynamics, typed, with systemd v252's
// defaults (src/basic/def.h, systemd-system.conf(5)) where the unit sets nothing.
struct ServiceProperties {
  ServiceType type = ServiceType::simple;
  RestartPolicy restart = RestartPolicy::no;
  Duration restart_sec = std::chrono::milliseconds(100);
  Duration timeout_start = std::chrono::seconds(90);  // infinite_duration: no timeout
  Duration timeout_stop = std::chrono::seconds(90);
  ExitStatusSet success_exit_status;
  ExitStatusSet restart_force_exit_status;
  ExitStatusSet restart_prevent_exit_status;
  Duration start_limit_interval = std::chrono::seconds(10);
  unsigned start_limit_burst = 5;
  KillMode kill_mode = KillMode::control_group;
  Signal kill_signal = signals::terminate;
  bool send_sigkill = true;
  NotifyAccess notify_access = NotifyAccess::none;
  ExecCommands commands;

  [[nodiscard]] bool waits_for_ready() const { return type == ServiceType::notify; }
};

// Reads the directives the NixOS module sets (UnitDefinition::serviceConfig and unitConfig,
// as the oracle predicts them) into typed properties:
//  - time spans as systemd.time(7) writes them ("1min", "90s", "2min 30s", "infinity"; 0
//    disables TimeoutStartSec=/TimeoutStopSec=; TimeoutSec= sets both);
//  - exit-status lists (SuccessExitStatus=, RestartForceExitStatus=, RestartPreventExitStatus=);
//  - StartLimitIntervalSec=/StartLimitBurst= from [Unit] (or the older [Service] spelling);
//  - Type=, Restart=, KillMode=, KillSignal=, SendSIGKILL=, NotifyAccess=.
// Directives that do not change the dynamics (Slice=, Delegate=, DevicePolicy=...) are
// ignored. Throws InputError naming e.g. "serviceConfig.TimeoutStartSec" for a value it cannot
// read, and for settings whose dynamics it does not model (Type=oneshot, forking, dbus;
// KillMode=none; RemainAfterExit=yes; TimeoutStartFailureMode= other than terminate).
[[nodiscard]] ServiceProperties service_properties_from(const oracle::UnitDefinition& unit);

}  // namespace ctrlab::sim
