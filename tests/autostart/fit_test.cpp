#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <initializer_list>

#include "ctrlab/autostart/fit.hpp"
#include "ctrlab/sim/autostart.hpp"

namespace ctrlab::autostart {
namespace {

using sim::Phase;

constexpr std::array<Phase, 4> start_phases_used = {Phase::start_pre, Phase::nspawn_setup, Phase::init_until_ready,
                                                    Phase::start_post};

sim::Duration ms(double milliseconds) { return sim::Duration(static_cast<sim::Duration::rep>(milliseconds * 1000)); }

// A machine whose every phase is 70 % CPU work: what the fit should find.
sim::Calibration true_machine() {
  sim::Calibration calibration;
  calibration.cores = 2;
  calibration.cost(Phase::manager_job) = {ms(2), ms(0)};
  calibration.cost(Phase::manager_event) = {ms(2), ms(0)};
  calibration.cost(Phase::start_pre) = {ms(14), ms(6)};
  calibration.cost(Phase::nspawn_setup) = {ms(70), ms(30)};
  calibration.cost(Phase::init_until_ready) = {ms(280), ms(120)};
  calibration.cost(Phase::start_post) = {ms(7), ms(3)};
  return calibration;
}

// What measuring `concurrency` containers at once on that machine would give: the simulated
// ready times, and for one container alone each phase's wall time (latency plus CPU, and for a
// phase that ends when systemd has handled a report of the unit's process, that handling).
PhaseSample measured_on(const sim::Calibration& machine, const sim::ContainerUnit& unit, std::size_t concurrency) {
  sim::AutostartRequest request;
  request.containers = concurrency;
  request.unit = unit;
  request.calibration = machine;
  const auto result = sim::simulate_autostart(request);
  PhaseSample sample{concurrency, {}};
  for (std::size_t i = 0; i < result.containers.size(); ++i) {
    StartPhases start;
    start.container = "c" + std::to_string(i);
    start.ready = Seconds(result.containers[i].first_ready.time_since_epoch());
    start.left_inactive = Seconds(static_cast<double>(i + 1) * 0.002);
    if (concurrency == 1) {
      for (const auto phase : start_phases_used) {
        const auto& cost = machine.cost(phase);
        const auto alone_on = static_cast<sim::Duration::rep>(std::min(cost.processes, machine.cores));
        const bool ends_with_a_report = phase != Phase::nspawn_setup;
        const auto handling = ends_with_a_report ? machine.cost(Phase::manager_event).cpu : sim::Duration{0};
        wall(start, phase) = Seconds(cost.cpu / alone_on + cost.latency + cost.serial + cost.serial_wait + handling);
      }
    }
    sample.starts.push_back(start);
  }
  return sample;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fit)

BOOST_AUTO_TEST_CASE(the_fit_finds_how_much_of_each_phase_is_cpu_work) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  const auto machine = true_machine();
  std::vector<PhaseSample> samples;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8}) samples.push_back(measured_on(machine, unit, concurrency));
  const auto fitted = fit_calibration(samples, {2, unit});
  for (const auto phase : start_phases_used) {
    BOOST_TEST_CONTEXT(sim::to_string(phase)) {
      const double cpu = static_cast<double>(fitted.cost(phase).cpu.count());
      const double expected = static_cast<double>(machine.cost(phase).cpu.count());
      BOOST_TEST(cpu == expected, boost::test_tools::tolerance(0.08));
    }
  }
  BOOST_TEST(fitted.cost(Phase::manager_job).cpu.count() == ms(2).count());
  BOOST_TEST(fitted.cost(Phase::manager_event).cpu.count() == ms(2).count());
}

// A machine whose starts cost more the more containers run: only the larger batch shows it, and
// the fit finds it there.
BOOST_AUTO_TEST_CASE(the_fit_finds_the_crowding_the_largest_batch_shows) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  auto machine = true_machine();
  machine.crowding_cpu = ms(4);
  std::vector<PhaseSample> samples;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24}) samples.push_back(measured_on(machine, unit, concurrency));
  const auto fitted = fit_calibration(samples, {2, unit});
  BOOST_TEST(static_cast<double>(fitted.crowding_cpu.count()) == static_cast<double>(ms(4).count()),
             boost::test_tools::tolerance(0.15));
}

// A machine whose setups first wait 15 ms each holding a host-wide lock, with a boot short
// enough that the queue shows (the probe's): the batch of 48 spreads its ready times where
// processor sharing alone would bunch them, and the fit finds the wait there.
BOOST_AUTO_TEST_CASE(the_fit_finds_the_serialised_wait_of_the_setups) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  auto machine = true_machine();
  machine.cost(Phase::init_until_ready) = {ms(28), ms(12)};
  machine.cost(Phase::nspawn_setup) = {ms(70), ms(15), 1, ms(0), ms(15)};
  std::vector<PhaseSample> samples;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24, 48}) samples.push_back(measured_on(machine, unit, concurrency));
  const auto fitted = fit_calibration(samples, {2, unit});
  BOOST_TEST(static_cast<double>(fitted.cost(Phase::nspawn_setup).serial_wait.count()) == static_cast<double>(ms(15).count()),
             boost::test_tools::tolerance(0.2));
  // And the same machine without it is fitted without.
  machine.cost(Phase::nspawn_setup) = {ms(70), ms(30)};
  std::vector<PhaseSample> unqueued;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24, 48}) unqueued.push_back(measured_on(machine, unit, concurrency));
  BOOST_TEST(fit_calibration(unqueued, {2, unit}).cost(Phase::nspawn_setup).serial_wait.count() <= ms(2.5).count());
}

BOOST_AUTO_TEST_CASE(a_machine_without_crowding_is_fitted_without) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  std::vector<PhaseSample> samples;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24}) samples.push_back(measured_on(true_machine(), unit, concurrency));
  BOOST_TEST(fit_calibration(samples, {2, unit}).crowding_cpu.count() <= ms(0.5).count());
}

// A machine whose boots run two processes side by side (its lone boot computing on both cores):
// the first of a batch are ready well before the last, and the fit finds the two processes.
BOOST_AUTO_TEST_CASE(the_fit_finds_how_many_processes_a_boot_runs) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  auto machine = true_machine();
  machine.cost(Phase::init_until_ready) = {ms(560), ms(120), 2};
  std::vector<PhaseSample> samples;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24}) samples.push_back(measured_on(machine, unit, concurrency));
  const auto fitted = fit_calibration(samples, {2, unit});
  BOOST_TEST(fitted.cost(Phase::init_until_ready).processes == 2U);
  BOOST_TEST(static_cast<double>(fitted.cost(Phase::init_until_ready).cpu.count()) == static_cast<double>(ms(560).count()),
             boost::test_tools::tolerance(0.08));
  // And one where they run one: the same batches never need two.
  std::vector<PhaseSample> single;
  for (const std::size_t concurrency : std::initializer_list<std::size_t>{1, 2, 4, 8, 24}) single.push_back(measured_on(true_machine(), unit, concurrency));
  BOOST_TEST(fit_calibration(single, {2, unit}).cost(Phase::init_until_ready).processes == 1U);
}

BOOST_AUTO_TEST_CASE(a_calibration_needs_one_container_alone) {
  const auto unit = sim::reference_container_unit(oracle::Revision::r2022);
  BOOST_CHECK_THROW((void)fit_calibration({measured_on(true_machine(), unit, 2)}, {2, unit}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::autostart
