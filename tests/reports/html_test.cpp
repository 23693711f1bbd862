#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(the_page_summarises_and_opens_only_what_failed) {
  const auto page = html_page(sample_report());
  BOOST_TEST(page.starts_with("<!DOCTYPE html>"));
  BOOST_TEST(page.find("<span class=\"badge failed\">1 failed</span>") != std::string::npos);
  BOOST_TEST(page.find("<details><summary class=\"passed\">nixos-tests/bridge [2022] — passed</summary>") != std::string::npos);
  BOOST_TEST(page.find("<details open><summary class=\"failed\">nixos-tests/ip [2021] — failed</summary>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_case_with_a_warning_is_open_and_shows_it_first) {
  const auto page = html_page(sample_report_with_a_warning());
  BOOST_TEST(page.find("<details open><summary class=\"passed\">nixos-tests/bridge [2022] — passed</summary>\n"
                       "<div class=\"warnings\"><p>The prediction warns:</p><ul>\n<li>containers.webserver.timeoutStartSec: "
                       "holds a line break: &lt;injected&gt; &amp; more</li>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failing_aspect_gets_a_diff_table_with_escaped_values) {
  const auto page = html_page(sample_report());
  BOOST_TEST(page.find("<h4>routes</h4>") != std::string::npos);
  BOOST_TEST(page.find("<td>changed</td><td class=\"value\">host: 10.231.136.2 dev ve-webserver4 &lt;scope&gt;</td>"
                       "<td class=\"value\">link</td><td class=\"value\">host</td>") != std::string::npos);
  BOOST_TEST(page.find("<h4>argv</h4>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(adaptations_and_the_timeline_sit_beside_the_verdict) {
  const auto page = html_page(sample_report());
  BOOST_TEST(page.find("Sandbox adaptations (shown for context, never failures)") != std::string::npos);
  BOOST_TEST(page.find("<li>container-init is the ctrlab probe — <em>the NixOS stage 2 is not available here</em></li>") !=
             std::string::npos);
  BOOST_TEST(page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(timeline_bars_scale_to_the_longest_run) {
  const std::vector<TimelineBar> bars = {{"a.service", "observed", 0, 100.0, 100.0, "active"},
                                         {"b.service", "observed", 50, std::nullopt, 200.0, "timeout"}};
  const auto svg = timeline_svg(bars);
  // 640 px for 200 ms: a is 320 px wide from x=220; b starts at 220+160 and, never ready, is red to its end.
  BOOST_TEST(svg.find("<rect x=\"220.0\" y=\"3.0\" width=\"320.0\" height=\"10.0\" fill=\"#3182bd\">") != std::string::npos);
  BOOST_TEST(svg.find("<rect x=\"380.0\" y=\"25.0\" width=\"480.0\" height=\"10.0\" fill=\"#de2d26\">") != std::string::npos);
  BOOST_TEST(svg.find(">b.service</text>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(html_aspects)

BOOST_AUTO_TEST_CASE(unobserved_aspects_and_adapted_differences_are_shown_apart) {
  const auto page = ctrlab::reports::html_page(sample_report());
  BOOST_TEST(page.find("<td>reachability</td><td class=\"skipped\">not observed</td>") != std::string::npos);
  BOOST_TEST(page.find("<p>argv: differences explained by sandbox adaptations</p>") != std::string::npos);
  BOOST_TEST(page.find("<td class=\"value\">/usr/bin/systemd-nspawn</td>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
