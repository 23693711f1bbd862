#include <boost/test/unit_test.hpp>

#include "ctrlab/autostart/figures.hpp"

namespace ctrlab::autostart {
namespace {

std::optional<Seconds> s(double seconds) { return Seconds(seconds); }

}  // namespace

BOOST_AUTO_TEST_SUITE(figures)

// Nearest rank, as ctrlab sim reports them: of ten values, p50 is the 5th, p90 the 9th, p99 the 10th.
BOOST_AUTO_TEST_CASE(percentiles_are_nearest_rank_of_the_ready_ones) {
  std::vector<std::optional<Seconds>> ready;
  for (int i = 10; i >= 1; --i) ready.push_back(s(i));
  const auto figures = ready_figures(ready);
  BOOST_TEST(figures.p50->count() == 5.0);
  BOOST_TEST(figures.p90->count() == 9.0);
  BOOST_TEST(figures.p99->count() == 10.0);
  BOOST_TEST(figures.max->count() == 10.0);
  BOOST_TEST(figures.all_ready->count() == 10.0);
}

BOOST_AUTO_TEST_CASE(all_ready_is_unset_while_one_never_became_ready) {
  const auto figures = ready_figures({s(1), std::nullopt, s(3)});
  BOOST_TEST(figures.max->count() == 3.0);
  BOOST_TEST(!figures.all_ready.has_value());
  BOOST_TEST(!ready_figures({std::nullopt}).p50.has_value());
}

BOOST_AUTO_TEST_CASE(medians_over_runs_take_each_figure_where_it_is_set) {
  ReadyFigures a;
  a.p50 = Seconds(1);
  a.all_ready = Seconds(4);
  ReadyFigures b;
  b.p50 = Seconds(3);
  ReadyFigures c;
  c.p50 = Seconds(2);
  c.all_ready = Seconds(6);
  const auto medians = median_figures({a, b, c});
  BOOST_TEST(medians.p50->count() == 2.0);
  BOOST_TEST(medians.all_ready->count() == 5.0);  // of two: their mean
  BOOST_TEST(!medians.max.has_value());
  BOOST_CHECK_THROW((void)median({}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_error_is_the_prediction_against_the_measurement_in_percent) {
  ReadyFigures predicted;
  predicted.p50 = Seconds(1.1);
  predicted.max = Seconds(1.8);
  ReadyFigures measured;
  measured.p50 = Seconds(1.0);
  measured.max = Seconds(2.0);
  measured.p90 = Seconds(1.5);
  const auto error = error_percent(predicted, measured);
  BOOST_TEST(*error.percent[0] == 10.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!error.percent[1].has_value());  // p90: not predicted
  BOOST_TEST(*error.percent[3] == -10.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::autostart
