#pragma once

#include <cstddef>

#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/engine.hpp"
#include "ctrlab/sim/processor_sharing.hpp"

namespace ctrlab::sim {

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

  // A cost with the calibration's spread applied, drawn from the engine's random source; an
  // nspawn's setup also pays the calibration's crowding for every other nspawn still starting.
  [[nodiscard]] PhaseCost draw_cost(Phase phase);
};

// Runs one phase at a time for a client: first the phase's latency, then its CPU work under
// processor sharing; then tells the client. Cancelling drops the rest of the phase.
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
  [[nodiscard]] bool busy() const { return busy_; }

  void on_event(EventTag tag) override;
  void on_cpu_done(std::uint32_t tag) override;

 private:
  void finish();

  Host* host_;
  PhaseClient* client_;
  CpuJob job_;
  Duration pending_cpu_{0};
  unsigned processes_ = 1;  // the phase's, for its CPU work
  std::uint32_t generation_ = 0;
  Phase phase_ = Phase::manager_job;
  bool busy_ = false;
};

}  // namespace ctrlab::sim
