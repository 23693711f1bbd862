// The discrete-event engine: time only moves with events, ties fire in scheduling order,
// and the seeded random source repeats itself.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ctrlab/sim/engine.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;

namespace {

struct Recorder final : EventHandler {
  Engine& engine;
  std::vector<std::pair<std::int64_t, std::uint32_t>> fired;
  explicit Recorder(Engine& e) : engine(e) {}
  void on_event(EventTag tag) override { fired.emplace_back(to_usec(engine.now()), tag.kind); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(engine)

BOOST_AUTO_TEST_CASE(events_fire_in_time_order_and_ties_in_scheduling_order) {
  Engine engine;
  Recorder recorder(engine);
  engine.schedule_at(from_usec(30), recorder, {1, 0});
  engine.schedule_at(from_usec(10), recorder, {2, 0});
  engine.schedule_at(from_usec(30), recorder, {3, 0});
  engine.schedule_at(from_usec(10), recorder, {4, 0});
  engine.run_until(never);
  const std::vector<std::pair<std::int64_t, std::uint32_t>> expected = {{10, 2}, {10, 4}, {30, 1}, {30, 3}};
  BOOST_TEST(recorder.fired == expected);
  BOOST_TEST(engine.dispatched() == 4U);
}

BOOST_AUTO_TEST_CASE(run_until_stops_at_the_limit_and_moves_the_clock_there) {
  Engine engine;
  Recorder recorder(engine);
  engine.schedule_after(5s, recorder, {1, 0});
  engine.schedule_after(15s, recorder, {2, 0});
  engine.run_until(from_usec(10'000'000));
  BOOST_TEST(recorder.fired.size() == 1U);
  BOOST_TEST(to_usec(engine.now()) == 10'000'000);
  BOOST_TEST(engine.pending_events() == 1U);
}

BOOST_AUTO_TEST_CASE(an_infinite_delay_schedules_nothing) {
  Engine engine;
  Recorder recorder(engine);
  engine.schedule_after(infinite_duration, recorder, {1, 0});
  BOOST_TEST(engine.pending_events() == 0U);
}

BOOST_AUTO_TEST_CASE(scheduling_in_the_past_is_a_bug) {
  Engine engine;
  Recorder recorder(engine);
  engine.run_until(from_usec(100));
  BOOST_CHECK_THROW(engine.schedule_at(from_usec(99), recorder, {}), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_large_queue_pops_in_order) {
  Engine engine;
  Recorder recorder(engine);
  Random random(7);
  for (std::uint32_t i = 0; i < 10'000; ++i) {
    engine.schedule_at(from_usec(static_cast<std::int64_t>(random.next() % 1000)), recorder, {i, 0});
  }
  engine.run_until(never);
  BOOST_TEST(recorder.fired.size() == 10'000U);
  for (std::size_t i = 1; i < recorder.fired.size(); ++i) {
    const auto& [t0, k0] = recorder.fired[i - 1];
    const auto& [t1, k1] = recorder.fired[i];
    BOOST_TEST_REQUIRE((t0 < t1 || (t0 == t1 && k0 < k1)));
  }
}

BOOST_AUTO_TEST_CASE(the_same_seed_draws_the_same_numbers) {
  Random a(42);
  Random b(42);
  Random c(43);
  std::vector<std::uint64_t> from_a;
  std::vector<std::uint64_t> from_b;
  std::vector<std::uint64_t> from_c;
  for (int i = 0; i < 100; ++i) {
    from_a.push_back(a.next());
    from_b.push_back(b.next());
    from_c.push_back(c.next());
  }
  BOOST_TEST(from_a == from_b);
  BOOST_TEST(from_a != from_c);
}

BOOST_AUTO_TEST_CASE(uniform_draws_stay_in_range_and_spread_out) {
  Random random(1);
  double low = 1.0;
  double high = 0.0;
  double sum = 0.0;
  for (int i = 0; i < 100'000; ++i) {
    const double x = random.uniform();
    low = std::min(low, x);
    high = std::max(high, x);
    sum += x;
  }
  BOOST_TEST(low >= 0.0);
  BOOST_TEST(high < 1.0);
  BOOST_TEST(sum / 100'000 == 0.5, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(durations_print_as_systemd_prints_them) {
  BOOST_TEST(format_duration(90s) == "1min 30s");
  BOOST_TEST(format_duration(100ms) == "100ms");
  BOOST_TEST(format_duration(infinite_duration) == "infinity");
  BOOST_TEST(format_duration(0s) == "0");
  BOOST_TEST(format_duration(27min) == "27min");
}

BOOST_AUTO_TEST_SUITE_END()
