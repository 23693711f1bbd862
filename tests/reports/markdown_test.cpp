#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(the_summary_counts_then_lists_each_failure) {
  const auto md = markdown_summary(sample_report());
  BOOST_TEST(md.starts_with("## scenarios\n\n1 passed, 1 failed, 1 errors, 1 skipped in 3.850 s\n"));
  BOOST_TEST(md.find("### nixos-tests/ip [2021]: failed") != std::string::npos);
  BOOST_TEST(md.find("| routes | missing | `container webserver4: default via 10.231.136.1 dev eth0` | present |  |") !=
             std::string::npos);
  BOOST_TEST(md.find("### options/bad [2018]: error\n\nsandbox did not boot: <timeout & retry>\n") != std::string::npos);
  BOOST_TEST(md.find("bridge") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_passing_case_with_a_warning_is_listed_with_it) {
  const auto md = markdown_summary(sample_report_with_a_warning());
  BOOST_TEST(md.find("### nixos-tests/bridge [2022]: passed\n\n- warning: containers.webserver.timeoutStartSec: holds a "
                     "line break: <injected> & more\n") != std::string::npos);
  BOOST_TEST(md.find("| argv |") == std::string::npos);  // no table for a case that passed
}

BOOST_AUTO_TEST_CASE(pipes_in_values_do_not_break_the_table) {
  auto report = sample_report();
  report.cases[1].aspects[2].diffs[0].predicted = "a|b";
  BOOST_TEST(markdown_summary(report).find("| a\\|b |") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
