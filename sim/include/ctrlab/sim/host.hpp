#pragma once

#include <cstddef>
#include <deque>

#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/engine.hpp"
#include "ctrlab/sim/processor_sharing.hpp"

namespace ctrlab::sim {

class PhaseRunner;

// A lock taken one holder at a time, first come first served: the host-wide serialisation of
// container setups (PhaseCost::serial and serial_wait).
class SerialLock {
 public:
  // Grants the lock to `runner` now if it is free, else when the holders before it are done.
  void acquire(PhaseRunner& runner);
  void release(PhaseRunner& runner);
  // A waiting runner that no longer wants the lock (its phase was cancelled).
  void withdraw(PhaseRunner& runner);

 private:
  void grant_next();

  PhaseRunner* holder_ = nullptr;
  std::deque<PhaseRunner*> waiting_;
};

// The simulated machine the models run on: the engine (time, events, randomness), the CPU
// model, and what each step costs.
struct Host {
  Engine& engine;
  ProcessorSharing& cpu;
  const Calibration& calibration;
  // nspawns whose container has not come up (yet): setting up, booting, or ending a start that
  // never got ready; for the crowding cost. A container that is up idles and drops out: the
  // restarts after a mass start timed out cost what the first starts did (bench/README.md,
  // "The #65001 shape, for real"), not more for every container already up.
  std::size_t starting_nspawns = 0;
  SerialLock setup_lock{};

  // A cost with the calibration's spread applied, drawn from the engine's random source; an
  // nspawn's setup also pays the calibration's crowding for every other nspawn still starting.
  [[nodiscard]] PhaseCost draw_cost(Phase phase);
};

// Runs one phase at a time for a client: first the phase's serialised wait (holding the host's
// setup lock, no CPU), then its latency, then its CPU work under processor sharing, then its
// serial CPU work (holding the lock again); then tells the client. Cancelling drops the rest of
// the phase and gives the lock up.
class PhaseClient {
 public:
  virtual void on_phase_done(Phase phase) = 0;

 protected:
  PhaseClient() = default;
  PhaseClient(const PhaseClient&) = default;
  PhaseClient& operator=(const PhaseClient&) = default;
  ~PhaseClient() = default;
};

class PhaseRunner final : public EventHandler, public CpuTask {
 public:
  PhaseRunner(Host& host, PhaseClient& client) : host_(&host), client_(&client) {}

  void run(Phase phase);
  // The phase's process runs nothing (a script without commands): it costs only its own fork
  // and exec, priced as the CPU of systemd's own work per job (Phase::manager_job).
  void run_without_work(Phase phase);
  void cancel();
  [[nodiscard]] bool busy() const { return stage_ != Stage::idle; }

  void on_event(EventTag tag) override;
  void on_cpu_done(std::uint32_t tag) override;
  // The host's setup lock is this runner's now: its serialised wait or serial work begins.
  void lock_granted();

 private:
  enum class Stage { idle, queued_to_wait, waiting, latency, working, queued_for_serial, serial_work };

  void begin(const PhaseCost& cost);
  void after_the_wait();
  void start_working();
  void finish();
  void leave_lock();

  Host* host_;
  PhaseClient* client_;
  CpuJob job_;
  PhaseCost pending_{};  // what is left of the phase's cost
  std::uint32_t generation_ = 0;
  Phase phase_ = Phase::manager_job;
  Stage stage_ = Stage::idle;
};

}  // namespace ctrlab::sim
