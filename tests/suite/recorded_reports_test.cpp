// Every report format written for the recorded real runs: the JUnit valid against junit-10.xsd,
// the causes where each format puts them.
#include <boost/test/unit_test.hpp>

#include "ctrlab/reports/formats.hpp"
#include "junit_schema.hpp"
#include "recorded_runs.hpp"

namespace {

ctrlab::reports::SuiteReport recorded_suite() {
  ctrlab::reports::SuiteReport report{"ctrlab run", "2026-12-06T20:17:00Z", "debian", "0.1.0", {}};
  for (const char* name : {"bad-flag", "hang", "private-users", "restart"}) {
    report.cases.push_back(recorded::judged(name, recorded::run(name)).report);
  }
  return report;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recorded_reports)

BOOST_AUTO_TEST_CASE(the_junit_of_real_runs_validates_and_says_each_adaptation_once) {
  const auto xml = ctrlab::reports::junit_xml(recorded_suite());
  const auto breaches = report_test::junit_schema_breaches(xml);
  BOOST_TEST(breaches.empty(), breaches.size() << " breaches" << (breaches.empty() ? "" : ", first: " + breaches[0]));
  const auto document = report_test::parse_markup(xml);
  std::set<std::string> values;
  for (const auto* property : report_test::descendants(document, "property")) {
    BOOST_TEST(values.insert(report_test::attribute(*property, "value")).second, report_test::attribute(*property, "value"));
  }
  const auto* hang = report_test::find_element(document, "testcase", "name", "hang [2022]");
  BOOST_REQUIRE(hang != nullptr);
  BOOST_TEST(report_test::attribute(hang->get_child("error"), "message") ==
             "did not settle within 120000 ms: container@slow.service");
  BOOST_TEST(report_test::text_of(hang->get_child("system-out")).find("journal of container@slow.service:\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_causes_reach_the_json_the_page_and_the_summary) {
  const auto report = recorded_suite();
  const std::string cause =
      "nspawn failed before the container's init ran: Failed to set up ID mapped mounts: Operation not permitted";
  const auto json = ctrlab::reports::to_json(report);
  BOOST_TEST(json["cases"][2]["cause"] == cause);
  const auto page = report_test::parse_markup(ctrlab::reports::html_page(report));
  const auto* section = report_test::find_element(page, "details", "id", "case-private-users-2022");
  BOOST_REQUIRE(section != nullptr);
  BOOST_TEST(report_test::text_of(section->get_child("p")) == cause);
  const auto summary = ctrlab::reports::markdown_summary(report);
  BOOST_TEST(summary.find("**Cause:** nspawn failed before the container's init ran: Failed to set up ID mapped mounts: "
                          "Operation not permitted\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
