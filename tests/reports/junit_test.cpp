// JUnit XML read back as a tree: the elements and attributes CI servers read, within the rules
// of the Jenkins xUnit plugin's junit-10.xsd.
#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "junit_schema.hpp"
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

std::vector<std::pair<std::string, std::string>> properties_of(const Tree& suite) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const Tree* property : descendants(suite.get_child("properties"), "property")) {
    found.emplace_back(attribute(*property, "name"), attribute(*property, "value"));
  }
  return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit)

BOOST_AUTO_TEST_CASE(the_sample_validates_against_junit_10_xsd) {
  const auto breaches = junit_schema_breaches(junit_xml(sample_report_with_a_warning()));
  BOOST_TEST(breaches.empty(), "breaches: " << breaches.size() << (breaches.empty() ? "" : ", first: " + breaches[0]));
}

BOOST_AUTO_TEST_CASE(the_validator_finds_what_the_schema_forbids) {
  const auto breaches = junit_schema_breaches(
      R"(<testsuites skipped="1" time="-1"><testsuite name="s" tests="1" failures="0"><testcase name="c" file="x">)"
      R"(<properties/><failure message="m"><b/></failure></testcase></testsuite></testsuites>)");
  const std::vector<std::string> expected = {
      "testsuites: attribute skipped not allowed",
      "testsuites: time=\"-1\" is not a time",
      "testsuites/testsuite: required attribute errors missing",
      "testsuites/testsuite/testcase: attribute file not allowed",
      "testsuites/testsuite/testcase: <properties> not allowed in <testcase>",
      "testsuites/testsuite/testcase/failure: <b> not allowed in <failure>",
  };
  BOOST_TEST(breaches == expected, boost::test_tools::per_element());
  BOOST_TEST(is_junit_time("1,234.5"));
  BOOST_TEST(is_junit_time("0.250"));
  BOOST_TEST(!is_junit_time("1e3"));
}

BOOST_AUTO_TEST_CASE(the_suite_element_counts_each_status) {
  const auto xml = junit_xml(sample_report());
  BOOST_TEST(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  const Tree document = parse_markup(xml);
  const Tree& root = document.get_child("testsuites");
  BOOST_TEST(attribute(root, "name") == "scenarios");
  BOOST_TEST(attribute(root, "tests") == "4");
  BOOST_TEST(attribute(root, "skipped").empty());  // not an attribute of <testsuites>
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

BOOST_AUTO_TEST_CASE(the_suite_says_its_version_and_each_adaptation_once) {
  const Tree document = parse_markup(junit_xml(sample_report()));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"ctrlab-version", "0.1.0"},
      {"sandbox-adaptation", "container-init is the ctrlab probe (the NixOS stage 2 is not available here)"}};
  BOOST_TEST((properties_of(suite_of(document)) == expected));
  for (const Tree* testcase : descendants(document, "testcase")) BOOST_TEST(children(*testcase, "properties").empty());
}

BOOST_AUTO_TEST_CASE(a_failed_case_carries_its_cause_the_differences_and_its_journal) {
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
  BOOST_TEST(text_of(failed.get_child("system-out")) ==
             "cause: routes: 1 route differs\n"
             "journal of container@webserver4.service:\n"
             "  Starting container@webserver4.service...\n"
             "  ip: RTNETLINK answers: File exists\n"
             "runner's log:\n"
             "  12 ms: installed\n"
             "  340 ms: settled\n");
}

BOOST_AUTO_TEST_CASE(errors_and_skips_keep_their_cause) {
  const Tree document = parse_markup(junit_xml(sample_report()));
  const Tree& bad = testcase_named(document, "options/bad [2018]");
  const auto errors = children(bad, "error");
  BOOST_REQUIRE(errors.size() == 1U);
  BOOST_TEST(attribute(*errors[0], "message") == "sandbox did not boot: <timeout & retry>");
  BOOST_TEST(children(bad, "failure").empty());
  BOOST_TEST(text_of(bad.get_child("system-out")) == "cause: sandbox did not boot: <timeout & retry>\n");
  const auto skips = children(testcase_named(document, "options/ephemeral [2018]"), "skipped");
  BOOST_REQUIRE(skips.size() == 1U);
  BOOST_TEST(attribute(*skips[0], "message") == "revision 2018 has no option ephemeral");
}

BOOST_AUTO_TEST_CASE(a_passed_case_has_no_output_but_its_warnings) {
  const Tree plain = parse_markup(junit_xml(sample_report()));
  BOOST_TEST(testcase_named(plain, "nixos-tests/bridge [2022]").size() == 1U);  // its attributes alone
  const Tree warned = parse_markup(junit_xml(sample_report_with_a_warning()));
  const Tree& passed = testcase_named(warned, "nixos-tests/bridge [2022]");
  BOOST_TEST(children(passed, "failure").empty());
  BOOST_TEST(text_of(passed.get_child("system-out")) ==
             "warning: containers.webserver.timeoutStartSec: holds a line break: <injected> & more\n");
}

BOOST_AUTO_TEST_CASE(control_characters_are_dropped_to_stay_well_formed) {
  auto report = sample_report();
  report.cases[2].cause = std::string("bad\x01" "byte");
  const Tree document = parse_markup(junit_xml(report));
  const auto errors = children(testcase_named(document, "options/bad [2018]"), "error");
  BOOST_REQUIRE(errors.size() == 1U);
  BOOST_TEST(attribute(*errors[0], "message") == "badbyte");
}

BOOST_AUTO_TEST_SUITE_END()
