#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;

namespace {
std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++count;
  return count;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(junit)

BOOST_AUTO_TEST_CASE(the_suite_element_counts_each_status) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scenarios\""));
  BOOST_TEST(xml.find("<testsuite name=\"scenarios\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"3.850\" "
                      "timestamp=\"2026-11-22T20:00:00Z\" hostname=\"ci-runner\">") != std::string::npos);
  BOOST_TEST(occurrences(xml, "<testcase ") == 4U);
  BOOST_TEST(occurrences(xml, "</testcase>") == 4U);
}

BOOST_AUTO_TEST_CASE(a_failed_case_carries_its_readable_diff) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.find("<testcase classname=\"ctrlab.nixos-tests/ip\" name=\"nixos-tests/ip [2021]\" time=\"2.250\">") !=
             std::string::npos);
  BOOST_TEST(xml.find("<failure message=\"routes: 1 route differs\" type=\"mismatch\">routes: 1 route differs\n"
                      "  missing    container webserver4: default via 10.231.136.1 dev eth0: predicted present, not observed\n"
                      "  changed    host: 10.231.136.2 dev ve-webserver4 &lt;scope&gt;: link -&gt; host\n"
                      "</failure>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_and_skips_keep_their_reason_escaped) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.find("<error message=\"sandbox did not boot: &lt;timeout &amp; retry&gt;\" type=\"error\"/>") !=
             std::string::npos);
  BOOST_TEST(xml.find("<skipped message=\"revision 2018 has no option ephemeral\"/>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(adaptations_are_properties_not_failures) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.find("<property name=\"sandbox-adaptation\" value=\"container-init is the ctrlab probe (the NixOS "
                      "stage 2 is not available here)\"/>") != std::string::npos);
  const auto bridge = xml.find("nixos-tests/bridge [2022]");
  const auto bridge_end = xml.find("</testcase>", bridge);
  BOOST_TEST(xml.substr(bridge, bridge_end - bridge).find("<failure") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(warnings_are_properties_not_failures) {
  const auto xml = junit_xml(sample_report_with_a_warning());
  BOOST_TEST(xml.find("<property name=\"prediction-warning\" value=\"containers.webserver.timeoutStartSec: holds a line "
                      "break: &lt;injected&gt; &amp; more\"/>") != std::string::npos);
  const auto bridge = xml.find("nixos-tests/bridge [2022]");
  BOOST_TEST(xml.substr(bridge, xml.find("</testcase>", bridge) - bridge).find("<failure") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(control_characters_are_dropped_to_stay_well_formed) {
  auto report = sample_report();
  report.cases[2].message = std::string("bad\x01" "byte");
  BOOST_TEST(junit_xml(report).find("message=\"badbyte\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
