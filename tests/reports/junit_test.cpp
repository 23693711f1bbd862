// JUnit XML read back as a tree: the elements and attributes CI servers read.
#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "markup_tree.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;
using namespace report_test;

namespace {

const Tree& suite_of(const Tree& document) { return document.get_child("testsuites.testsuite"); }

const Tree& testcase_named(const Tree& document, const std::string& name) {
  const Tree* found = find_element(document, "testcase", "name", name);
  BOOST_REQUIRE_MESSAGE(found != nullptr, "no testcase " << name);
  return *found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit)

BOOST_AUTO_TEST_CASE(the_suite_element_counts_each_status) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  const Tree document = parse_markup(xml);
  BOOST_TEST(attribute(document.get_child("testsuites"), "name") == "scenarios");
  const Tree& suite = suite_of(document);
  BOOST_TEST(attribute(suite, "name") == "scenarios");
  BOOST_TEST(attribute(suite, "tests") == "4");
  BOOST_TEST(attribute(suite, "failures") == "1");
  BOOST_TEST(attribute(suite, "errors") == "1");
  BOOST_TEST(attribute(suite, "skipped") == "1");
  BOOST_TEST(attribute(suite, "time") == "3.850");
  BOOST_TEST(attribute(suite, "timestamp") == "2026-11-22T20:00:00Z");
  BOOST_TEST(attribute(suite, "hostname") == "ci-runner");
  BOOST_TEST(children(suite, "testcase").size() == 4U);
}

BOOST_AUTO_TEST_CASE(a_failed_case_carries_the_differences_as_the_oracle_says_them) {
  const Tree document = parse_markup(junit_xml(sample_report()));
  const Tree& failed = testcase_named(document, "nixos-tests/ip [2021]");
  BOOST_TEST(attribute(failed, "classname") == "ctrlab.nixos-tests/ip");
  BOOST_TEST(attribute(failed, "time") == "2.250");
  const auto failures = children(failed, "failure");
  BOOST_REQUIRE(failures.size() == 1U);
  BOOST_TEST(attribute(*failures[0], "message") == "routes: 1 route differs");
  BOOST_TEST(attribute(*failures[0], "type") == "mismatch");
  BOOST_TEST(text_of(*failures[0]) ==
             "routes: 1 route differs\n"
             "  missing    container webserver4 routes[default via 10.231.136.1 dev eth0]: predicted present, not observed\n"
             "  changed    host routes[10.231.136.2 dev ve-webserver4] <scope>: predicted link, observed host\n");
}

BOOST_AUTO_TEST_CASE(errors_and_skips_keep_their_reason) {
  const Tree document = parse_markup(junit_xml(sample_report()));
  const auto errors = children(testcase_named(document, "options/bad [2018]"), "error");
  BOOST_REQUIRE(errors.size() == 1U);
  BOOST_TEST(attribute(*errors[0], "message") == "sandbox did not boot: <timeout & retry>");
  BOOST_TEST(attribute(*errors[0], "type") == "error");
  const auto skips = children(testcase_named(document, "options/ephemeral [2018]"), "skipped");
  BOOST_REQUIRE(skips.size() == 1U);
  BOOST_TEST(attribute(*skips[0], "message") == "revision 2018 has no option ephemeral");
}

BOOST_AUTO_TEST_CASE(adaptations_are_properties_not_failures) {
  const Tree document = parse_markup(junit_xml(sample_report()));
  const Tree& passed = testcase_named(document, "nixos-tests/bridge [2022]");
  BOOST_TEST(children(passed, "failure").empty());
  const auto properties = descendants(passed, "property");
  BOOST_REQUIRE(properties.size() == 1U);
  BOOST_TEST(attribute(*properties[0], "name") == "sandbox-adaptation");
  BOOST_TEST(attribute(*properties[0], "value") ==
             "container-init is the ctrlab probe (the NixOS stage 2 is not available here)");
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
  const Tree document = parse_markup(junit_xml(report));
  const auto errors = children(testcase_named(document, "options/bad [2018]"), "error");
  BOOST_REQUIRE(errors.size() == 1U);
  BOOST_TEST(attribute(*errors[0], "message") == "badbyte");
}

BOOST_AUTO_TEST_SUITE_END()
