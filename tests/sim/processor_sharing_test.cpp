// Processor sharing against cases worked out by hand: n jobs on c cores each progress at
// min(1, c/n) of a core.
#include <boost/test/unit_test.hpp>

#include <map>

#include "ctrlab/sim/processor_sharing.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;

namespace {

// Submits jobs at given times and records when each finishes.
struct Workload final : CpuTask, EventHandler {
  Engine engine;
  ProcessorSharing cpu;
  std::map<std::uint32_t, std::int64_t> finished_at;  // job -> µs
  std::map<std::uint32_t, CpuWork> pending_work;
  std::map<std::uint32_t, CpuJob> handles;

  explicit Workload(unsigned cores) : cpu(cores) { engine.attach(cpu); }

  std::map<std::uint32_t, unsigned> processes;

  void submit_at(std::int64_t usec, std::uint32_t job, CpuWork work, unsigned job_processes = 1) {
    pending_work[job] = work;
    processes[job] = job_processes;
    engine.schedule_at(from_usec(usec), *this, {job, 0});
  }
  void on_event(EventTag tag) override {
    handles[tag.kind] = cpu.submit(pending_work[tag.kind], *this, tag.kind, processes[tag.kind]);
  }
  void on_cpu_done(std::uint32_t job) override { finished_at[job] = to_usec(engine.now()); }
  void run() { engine.run_until(never); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(processor_sharing)

BOOST_AUTO_TEST_CASE(one_job_on_one_core_takes_its_work) {
  Workload w(1);
  w.submit_at(0, 1, 250us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 250);
}

BOOST_AUTO_TEST_CASE(two_jobs_on_one_core_share_it) {
  // Both run at 1/2 until job 1 (100) is done at 200; job 2 then has 200 left at full speed.
  Workload w(1);
  w.submit_at(0, 1, 100us);
  w.submit_at(0, 2, 300us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 200);
  BOOST_TEST(w.finished_at[2] == 400);
}

BOOST_AUTO_TEST_CASE(a_single_threaded_job_never_runs_faster_than_one_core) {
  Workload w(4);
  w.submit_at(0, 1, 1000us);
  w.submit_at(0, 2, 1000us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 1000);
  BOOST_TEST(w.finished_at[2] == 1000);
}

BOOST_AUTO_TEST_CASE(three_jobs_on_two_cores) {
  // Rates 2/3 each: job 1 (200) done at 300 with jobs 2 and 3 at 200 done; then 2 jobs on
  // 2 cores run at full speed: job 2 (400) done at 500, job 3 (600) at 700.
  Workload w(2);
  w.submit_at(0, 1, 200us);
  w.submit_at(0, 2, 400us);
  w.submit_at(0, 3, 600us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 300);
  BOOST_TEST(w.finished_at[2] == 500);
  BOOST_TEST(w.finished_at[3] == 700);
}

BOOST_AUTO_TEST_CASE(a_late_arrival_slows_the_running_job) {
  // Job 1 runs alone for 100 (100 done, 300 left); then both at 1/2: job 2 (100) needs 200,
  // done at 300, when job 1 has 200 left; alone again it finishes at 500.
  Workload w(1);
  w.submit_at(0, 1, 400us);
  w.submit_at(100, 2, 100us);
  w.run();
  BOOST_TEST(w.finished_at[2] == 300);
  BOOST_TEST(w.finished_at[1] == 500);
}

BOOST_AUTO_TEST_CASE(cancelled_work_gives_its_share_back) {
  // Jobs 1 and 2 share one core; job 2 is cancelled at 100 (job 1 has 50 done), so job 1's
  // remaining 150 run at full speed: done at 250.
  Workload w(1);
  w.submit_at(0, 1, 200us);
  w.submit_at(0, 2, 1000us);
  struct Canceller final : EventHandler {
    Workload& w;
    explicit Canceller(Workload& workload) : w(workload) {}
    void on_event(EventTag) override { w.cpu.cancel(w.handles[2]); }
  } canceller(w);
  w.engine.schedule_at(from_usec(100), canceller, {});
  w.run();
  BOOST_TEST(w.finished_at[1] == 250);
  BOOST_TEST(w.finished_at.count(2) == 0U);
  BOOST_TEST(w.cpu.runnable() == 0U);
}

BOOST_AUTO_TEST_CASE(zero_work_finishes_at_once) {
  Workload w(1);
  w.submit_at(70, 1, 0us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 70);
}

BOOST_AUTO_TEST_CASE(completion_times_round_up_to_the_microsecond) {
  // Three jobs of 1 µs on one core: each at 1/3 speed finishes after exactly 3 µs; with
  // 2 µs of work, 6 µs.
  Workload w(1);
  w.submit_at(0, 1, 1us);
  w.submit_at(0, 2, 1us);
  w.submit_at(0, 3, 1us);
  w.run();
  BOOST_TEST(w.finished_at[1] == 3);
  BOOST_TEST(w.finished_at[2] == 3);
  BOOST_TEST(w.finished_at[3] == 3);
}

BOOST_AUTO_TEST_CASE(peak_runnable_counts_the_most_jobs_at_once) {
  Workload w(2);
  for (std::uint32_t job = 0; job < 5; ++job) w.submit_at(0, job, 10us);
  w.run();
  BOOST_TEST(w.cpu.peak_runnable() == 5U);
  // 5 jobs of 10 on 2 cores: 50 core-µs in 25 µs.
  for (std::uint32_t job = 0; job < 5; ++job) BOOST_TEST(w.finished_at[job] == 25);
}

BOOST_AUTO_TEST_CASE(a_job_done_by_two_processes_gets_two_shares) {
  // One core, three runnable processes: the lone process's job (1 s) and the pair's (2 s) each
  // get their third per process and both finish after 3 s.
  Workload w(1);
  w.submit_at(0, 1, 1s);
  w.submit_at(0, 2, 2s, 2);
  w.run();
  BOOST_TEST(w.finished_at[1] == 3'000'000);
  BOOST_TEST(w.finished_at[2] == 3'000'000);
  BOOST_TEST(w.cpu.peak_runnable() == 3U);
}

BOOST_AUTO_TEST_CASE(each_process_of_a_job_runs_on_at_most_one_core) {
  // Two processes on four cores: 2 s of work is done after 1 s, not 0.5 s.
  Workload w(4);
  w.submit_at(0, 1, 2s, 2);
  w.run();
  BOOST_TEST(w.finished_at[1] == 1'000'000);
}

BOOST_AUTO_TEST_CASE(the_job_that_began_first_finishes_well_ahead_with_more_processes) {
  // One core. A single process takes 2 s of work at 0; a two-process job of 2 s arrives at 1 s,
  // when the first has 1 s left: the first then gets a third of the core (done at 4 s), the
  // pair two thirds (done at 4 s too); with one process each, the pair would end at 5 s.
  Workload w(1);
  w.submit_at(0, 1, 2s);
  w.submit_at(1'000'000, 2, 2s, 2);
  w.run();
  BOOST_TEST(w.finished_at[1] == 4'000'000);
  BOOST_TEST(w.finished_at[2] == 4'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
