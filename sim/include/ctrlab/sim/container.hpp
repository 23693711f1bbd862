#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/sim/container_unit.hpp"
#include "ctrlab/sim/host.hpp"
#include "ctrlab/sim/nspawn.hpp"
#include "ctrlab/sim/service_unit.hpp"

// The processes of one container@ unit: systemd-nspawn as the main process, the container's
// init (ctrlab's probe, or a NixOS system behaving like it) inside it, and the unit's control
// processes (ExecStartPre=, ExecStartPost=, ExecStop=, ExecStopPost=).
namespace ctrlab::sim {

struct ContainerSpec {
  NspawnOptions nspawn;
  // What the container's init does, boot by boot. The probe exits 0 on SIGRTMIN+3 unless a
  // boot says to ignore it.
  const oracle::ProbeScript* probe = nullptr;
  // The signal the unit's ExecStop= sends the container's PID 1 (the 2018 module's preStop
  // sends SIGRTMIN+4), if any.
  std::optional<Signal> exec_stop_signal;
  // The signals on which the container's init shuts down and exits 0: the probe handles
  // SIGRTMIN+3 (nspawn's halt signal); a NixOS system's systemd also SIGRTMIN+4 (poweroff).
  std::vector<Signal> init_halt_signals{signals::rtmin_plus_3};
  // Where every start fails (nspawn, the init's commands, ExecStartPost=), if anywhere.
  StartFailures failures;
  // Whether ExecStartPost= (the module's postStart) runs any command: one that runs none
  // costs only its process's start, next to nothing beside a calibrated postStart.
  bool post_start_runs_commands = true;
};

class Container final : public ServiceProcesses, public EventHandler {
 public:
  // `spec` (and its probe) must outlive the container.
  Container(Host& host, const ContainerSpec& spec, ServiceUnit& unit);
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;

  void spawn_control(Command command) override;
  void spawn_main() override;
  // As systemd knows it: alive until it has been told of the exit.
  [[nodiscard]] bool main_alive() const override { return main_reported_alive_; }
  [[nodiscard]] bool control_alive() const override { return control_reported_alive_; }
  void signal_main(Signal signal) override;
  void signal_control(Signal signal) override;
  void unit_came_to_rest() override;

  void on_event(EventTag tag) override;

  // How many times the container's init has been started (boots), across unit restarts.
  [[nodiscard]] std::uint32_t boots() const { return boots_; }
  // Nothing of the container is in progress or on its way to the unit: no phase running, no
  // report pending. (Its init may be up; it just does nothing further by itself.)
  [[nodiscard]] bool quiescent() const {
    return !main_runner_.busy() && !control_runner_.busy() && posted_ == 0 && !action_pending_;
  }

 private:
  // nspawn's life: setting up, running the container (booting until READY=1, then up), the
  // container shutting down on the halt signal, nspawn tearing down, gone.
  enum class MainStage { gone, setting_up, booting, up, shutting_down, tearing_down };
  enum class Event : std::uint32_t { notify_ready, notify_stopping, main_exit, control_exit, init_action };

  class MainPhases final : public PhaseClient {
   public:
    explicit MainPhases(Container& container) : container_(&container) {}
    void on_phase_done(Phase phase) override { container_->on_main_phase_done(phase); }

   private:
    Container* container_;
  };
  class ControlPhases final : public PhaseClient {
   public:
    explicit ControlPhases(Container& container) : container_(&container) {}
    void on_phase_done(Phase) override { container_->on_control_done(); }

   private:
    Container* container_;
  };

  void on_main_phase_done(Phase phase);
  void on_control_done();
  void start_boot();
  void init_ready();
  void orderly_shutdown();
  void init_signalled(Signal signal);
  void container_ended(const ContainerEnd& end);
  void run_init_action();
  void schedule_init_action(Duration after);
  void nspawn_finishes(int status);
  void leave_starting_nspawns();
  void main_dies(const ProcessExit& exit);
  void control_dies(const ProcessExit& exit);
  // Reports reach the unit through the manager, which handles each on its own thread.
  void report(Event event, std::uint32_t generation);
  void deliver(Event event);
  [[nodiscard]] const oracle::BootBehaviour& this_boot() const;

  Host* host_;
  const ContainerSpec* spec_;
  ServiceUnit* unit_;
  MainPhases main_client_;
  ControlPhases control_client_;
  PhaseRunner main_runner_;
  PhaseRunner control_runner_;
  ProcessExit main_exit_;
  ProcessExit control_exit_;
  std::optional<Signal> signal_for_init_;  // a halt signal that arrived before the init ran
  std::uint32_t main_generation_ = 0;      // fresh for each nspawn
  std::uint32_t control_generation_ = 0;   // fresh for each control process
  std::uint32_t action_generation_ = 0;    // fresh for each boot's scheduled action
  std::uint32_t boots_ = 0;
  std::uint32_t posted_ = 0;               // reports scheduled but not yet delivered
  Command control_command_ = Command::start_pre;
  bool action_pending_ = false;
  MainStage main_stage_ = MainStage::gone;
  bool main_reported_alive_ = false;
  bool control_running_ = false;
  bool control_reported_alive_ = false;
  bool halt_forwarded_ = false;  // nspawn already sent its kill signal once
  bool counted_starting_ = false;  // among the host's starting nspawns (Host::starting_nspawns)
  // systemd-machined knows the machine: nspawn registered it once its container ran, and
  // unregisters it when it exits by itself. An nspawn that was killed leaves it registered
  // until the unit comes to rest; until then every new nspawn fails to register it ("Machine
  // 'NAME' already exists") and exits 1.
  bool machine_registered_ = false;
  bool nspawn_registered_machine_ = false;  // the running nspawn is the one that registered it
};

}  // namespace ctrlab::sim
