#include "ctrlab/sim/container.hpp"

#include <algorithm>

namespace ctrlab::sim {
namespace {

// Whether the init's boot sends a READY=1 that nspawn passes on (with --notify-ready=yes).
// nspawn 252 takes notifications from the container's PID 1 only: a READY=1 a child sends is
// dropped, so that boot never becomes ready either.
bool sends_ready(oracle::BootAction action) {
  switch (action) {
    case oracle::BootAction::hang_before_ready:
    case oracle::BootAction::exit_before_ready:
    case oracle::BootAction::notify_from_child:
      return false;
    default:
      return true;
  }
}


Phase phase_of(ServiceProcesses::Command command) {
  switch (command) {
    case ServiceProcesses::Command::start_pre: return Phase::start_pre;
    case ServiceProcesses::Command::start_post: return Phase::start_post;
    case ServiceProcesses::Command::stop: return Phase::exec_stop;
    case ServiceProcesses::Command::stop_post: return Phase::stop_post;
  }
  return Phase::start_pre;
}

// How a process without a handler for `signal` ends, if it does.
std::optional<ProcessExit> death_by(Signal signal) {
  switch (oracle::default_action(signal)) {
    case DefaultAction::terminate: return ProcessExit::killed_by(signal);
    case DefaultAction::core_dump: return ProcessExit::dumped_by(signal);
    default: return std::nullopt;
  }
}

}  // namespace

Container::Container(Host& host, const ContainerSpec& spec, ServiceUnit& unit)
    : host_(&host),
      spec_(&spec),
      unit_(&unit),
      main_client_(*this),
      control_client_(*this),
      main_runner_(host, main_client_),
      control_runner_(host, control_client_) {
  unit.attach(*this);
}

// ---- systemd's side ----------------------------------------------------------------------

void Container::spawn_main() {
  main_generation_ = host_->engine.fresh_generation();
  main_reported_alive_ = true;
  halt_forwarded_ = false;
  nspawn_registered_machine_ = false;
  signal_for_init_.reset();
  main_stage_ = MainStage::setting_up;
  if (spec_->failures.start_script_exit) {
    nspawn_finishes(*spec_->failures.start_script_exit);  // bash stops before its `exec` of nspawn
    return;
  }
  if (spec_->nspawn.argv_error) {
    nspawn_finishes(nspawn_failure_status);  // nspawn refuses its command line
    return;
  }
  if (spec_->failures.nspawn_exit) {
    nspawn_finishes(*spec_->failures.nspawn_exit);  // e.g. a veth it cannot create
    return;
  }
  if (machine_registered_) {
    nspawn_finishes(nspawn_failure_status);  // a killed nspawn's registration is still there
    return;
  }
  main_runner_.run(Phase::nspawn_setup);  // paying for the other nspawns starting, not itself
  ++host_->starting_nspawns;
  counted_starting_ = true;
}

void Container::leave_starting_nspawns() {
  if (!counted_starting_) return;
  counted_starting_ = false;
  --host_->starting_nspawns;
}

void Container::unit_came_to_rest() { machine_registered_ = false; }

void Container::spawn_control(Command command) {
  control_runner_.cancel();
  control_generation_ = host_->engine.fresh_generation();
  control_running_ = true;
  control_reported_alive_ = true;
  control_command_ = command;
  if (command == Command::stop && spec_->exec_stop_signal) init_signalled(*spec_->exec_stop_signal);
  if (command == Command::start_post && !spec_->post_start_runs_commands) {
    control_runner_.run_without_work(phase_of(command));
  } else {
    control_runner_.run(phase_of(command));
  }
}

void Container::signal_main(Signal signal) {
  if (main_stage_ == MainStage::gone) return;
  switch (oracle::nspawn_signal_effect(signal)) {
    case oracle::NspawnSignalEffect::orderly_shutdown:
      orderly_shutdown();
      return;
    case oracle::NspawnSignalEffect::dies:
      if (const auto death = death_by(signal)) main_dies(*death);
      return;
    case oracle::NspawnSignalEffect::container_keeps_running:
      return;
  }
}

// on_orderly_shutdown(): the first SIGTERM/SIGINT forwards the kill signal to the container's
// init; without one (or on the second) nspawn leaves its loop and kills the container.
void Container::orderly_shutdown() {
  if (main_stage_ == MainStage::tearing_down) return;
  const auto halt = spec_->nspawn.effective_kill_signal();
  if (halt && !halt_forwarded_) {
    halt_forwarded_ = true;
    init_signalled(*halt);
  } else if (main_stage_ == MainStage::setting_up) {
    nspawn_finishes(nspawn_failure_status);
  } else {
    container_ended(ContainerEnd::killed_by(signals::kill));
  }
}

void Container::signal_control(Signal signal) {
  if (!control_running_) return;
  if (const auto death = death_by(signal)) control_dies(*death);
}

// ---- nspawn and the container's init -------------------------------------------------------

void Container::on_main_phase_done(Phase phase) {
  switch (phase) {
    case Phase::nspawn_setup:
      start_boot();
      break;
    case Phase::init_until_ready:
      init_ready();
      break;
    case Phase::shutdown:
      container_ended(ContainerEnd::exit_with(0));
      break;
    case Phase::teardown:
      main_dies(main_exit_);
      break;
    default:
      break;
  }
}

const oracle::BootBehaviour& Container::this_boot() const {
  static const oracle::ProbeScript stay_up;
  const oracle::ProbeScript& probe = spec_->probe != nullptr ? *spec_->probe : stay_up;
  return probe.for_boot(boots_ == 0 ? 0 : boots_ - 1);
}

void Container::start_boot() {
  main_stage_ = MainStage::booting;
  ++boots_;
  machine_registered_ = nspawn_registered_machine_ = spec_->nspawn.registers_machine;
  // Without --notify-ready=yes nspawn reports READY=1 itself once the container runs.
  if (!spec_->nspawn.notify_ready) report(Event::notify_ready, main_generation_);
  if (spec_->failures.command_fails_to_exec) {
    container_ended(ContainerEnd::exit_with(1));  // execv() of the command fails in PID 1
    return;
  }
  if (signal_for_init_) {
    const Signal pending = *signal_for_init_;
    signal_for_init_.reset();
    init_signalled(pending);
    if (main_stage_ != MainStage::booting) return;
  }
  main_runner_.run(Phase::init_until_ready);
}

void Container::init_ready() {
  if (spec_->failures.init_exit) {
    // The init's setup commands run before READY=1; the first failure ends it (bash -e).
    container_ended(ContainerEnd::exit_with(*spec_->failures.init_exit & 0xff));
    return;
  }
  const oracle::BootBehaviour& boot = this_boot();
  if (!sends_ready(boot.action)) {
    if (boot.action == oracle::BootAction::exit_before_ready) schedule_init_action(boot.after);
    return;
  }
  main_stage_ = MainStage::up;
  leave_starting_nspawns();  // a container that is up makes no more host-wide work of its own
  if (spec_->nspawn.notify_ready) report(Event::notify_ready, main_generation_);
  if (boot.action != oracle::BootAction::stay_up) schedule_init_action(boot.after);
}

void Container::schedule_init_action(Duration after) {
  action_generation_ = host_->engine.fresh_generation();
  action_pending_ = true;
  host_->engine.schedule_after(after, *this, EventTag{static_cast<std::uint32_t>(Event::init_action), action_generation_});
}

void Container::init_signalled(Signal signal) {
  if (main_stage_ == MainStage::setting_up) {
    signal_for_init_ = signal;  // delivered once the init runs
    return;
  }
  if (main_stage_ != MainStage::booting && main_stage_ != MainStage::up) return;
  action_pending_ = false;
  const auto& halts = spec_->init_halt_signals;
  const bool handled = std::find(halts.begin(), halts.end(), signal) != halts.end() && !this_boot().ignore_kill_signal;
  // A PID 1 without a handler never sees a signal from outside its namespace.
  if (!handled) return;
  // A boot cut short (a start timeout) drops the rest of its work at once, and its shutdown
  // competes for the CPU like any other phase.
  main_stage_ = MainStage::shutting_down;
  main_runner_.run(Phase::shutdown);
}

void Container::container_ended(const ContainerEnd& end) {
  action_pending_ = false;
  const NspawnReaction reaction = nspawn_reaction(end, spec_->nspawn);
  if (reaction.runs_container_again) {
    main_stage_ = MainStage::setting_up;
    main_runner_.run(Phase::nspawn_setup);
    return;
  }
  nspawn_finishes(reaction.exit_status);
}

void Container::nspawn_finishes(int status) {
  main_runner_.cancel();
  leave_starting_nspawns();
  if (nspawn_registered_machine_) machine_registered_ = false;  // unregistered on its way out
  nspawn_registered_machine_ = false;
  main_stage_ = MainStage::tearing_down;
  main_exit_ = ProcessExit::exited_with(status);
  report(Event::notify_stopping, main_generation_);  // "STOPPING=1", then the teardown
}

void Container::main_dies(const ProcessExit& exit) {
  main_runner_.cancel();
  leave_starting_nspawns();
  action_pending_ = false;
  main_stage_ = MainStage::gone;
  main_exit_ = exit;
  report(Event::main_exit, main_generation_);
}

// ---- control processes -------------------------------------------------------------------

void Container::on_control_done() {
  std::optional<int> failure;
  if (control_command_ == Command::start_pre) failure = spec_->failures.start_pre_exit;
  if (control_command_ == Command::start_post) failure = spec_->failures.start_post_exit;
  control_dies(ProcessExit::exited_with(failure.value_or(0)));
}

void Container::control_dies(const ProcessExit& exit) {
  control_runner_.cancel();
  control_running_ = false;
  control_exit_ = exit;
  report(Event::control_exit, control_generation_);
}

// ---- deliveries, each its own dispatch -------------------------------------------------------

// systemd learns of each report on its own thread (JobQueue::enqueue_event), after what it
// has queued before: never within the dispatch of the unit's own call.
void Container::report(Event event, std::uint32_t generation) {
  ++posted_;
  unit_->manager().enqueue_event(*this, EventTag{static_cast<std::uint32_t>(event), generation});
}

void Container::deliver(Event event) {
  switch (event) {
    case Event::notify_ready:
      if (main_reported_alive_) unit_->on_notify(Notification::ready);
      break;
    case Event::notify_stopping:
      if (!main_reported_alive_) break;
      unit_->on_notify(Notification::stopping);
      if (main_stage_ == MainStage::tearing_down) main_runner_.run(Phase::teardown);
      break;
    case Event::main_exit:
      if (!main_reported_alive_) break;
      main_reported_alive_ = false;
      unit_->on_main_exit(main_exit_);
      break;
    case Event::control_exit:
      if (!control_reported_alive_) break;
      control_reported_alive_ = false;
      unit_->on_control_exit(control_exit_);
      break;
    case Event::init_action:
      break;
  }
}

void Container::on_event(EventTag tag) {
  const auto event = static_cast<Event>(tag.kind);
  if (event == Event::init_action) {
    const bool init_runs = main_stage_ == MainStage::up || main_stage_ == MainStage::booting;
    if (tag.generation != action_generation_ || !action_pending_ || !init_runs) return;
    action_pending_ = false;
    run_init_action();
    return;
  }
  --posted_;
  const std::uint32_t current = event == Event::control_exit ? control_generation_ : main_generation_;
  if (tag.generation != current) return;  // about a process that has since been replaced
  deliver(event);
}

void Container::run_init_action() {
  switch (this_boot().action) {
    case oracle::BootAction::exit:
    case oracle::BootAction::exit_before_ready:
      container_ended(ContainerEnd::exit_with(this_boot().exit_code & 0xff));
      break;
    case oracle::BootAction::reboot:
      container_ended(ContainerEnd::reboot());
      break;
    case oracle::BootAction::poweroff:
      container_ended(ContainerEnd::poweroff());
      break;
    default:
      break;
  }
}

}  // namespace ctrlab::sim
