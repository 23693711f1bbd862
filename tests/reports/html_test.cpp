// The HTML page read back as a tree: which cases are open, the tables' cells, the timeline.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "ctrlab/reports/formats.hpp"
#include "markup_tree.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;
using namespace report_test;
using Row = std::vector<std::string>;

namespace {

// The <details> of a case, found by its summary's text.
const Tree& case_details(const Tree& page, const std::string& summary) {
  for (const Tree* details : descendants(page, "details")) {
    const auto summaries = children(*details, "summary");
    if (!summaries.empty() && text_of(*summaries[0]) == summary) return *details;
  }
  BOOST_FAIL("no case " << summary);
  throw;
}

std::vector<std::string> texts(const std::vector<const Tree*>& elements) {
  std::vector<std::string> found;
  for (const Tree* element : elements) found.push_back(text_of(*element));
  return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(the_page_summarises_and_opens_only_what_failed) {
  const auto text = html_page(sample_report());
  BOOST_TEST(text.starts_with("<!DOCTYPE html>\n"));
  const Tree page = parse_markup(text);
  BOOST_TEST(text_of(page.get_child("html.head.title")) == "scenarios — ctrlab");
  BOOST_TEST(texts(descendants(page, "span")) ==
                 (std::vector<std::string>{"1 passed", "1 failed", "1 errors", "1 skipped"}),
             boost::test_tools::per_element());
  const Tree& passed = case_details(page, "nixos-tests/bridge [2022] — passed");
  BOOST_TEST(attribute(passed, "open").empty());
  BOOST_TEST(attribute(passed.get_child("summary"), "class") == "passed");
  const Tree& failed = case_details(page, "nixos-tests/ip [2021] — failed");
  BOOST_TEST(attribute(failed, "open") == "open");
  BOOST_TEST(attribute(failed.get_child("summary"), "class") == "failed");
}

BOOST_AUTO_TEST_CASE(the_summary_table_names_what_differs_per_case) {
  const Tree page = parse_markup(html_page(sample_report()));
  const auto rows = table_rows(page.get_child("html.body.table"));
  BOOST_REQUIRE(rows.size() == 5U);
  BOOST_TEST(rows[0] == (Row{"scenario", "revision", "status", "seconds", "what differs"}), boost::test_tools::per_element());
  BOOST_TEST(rows[2] == (Row{"nixos-tests/ip", "2021", "failed", "2.250", "routes"}), boost::test_tools::per_element());
  BOOST_TEST(rows[3] == (Row{"options/bad", "2018", "error", "0.100", "sandbox did not boot: <timeout & retry>"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failing_aspect_gets_a_diff_table_in_the_oracles_words) {
  const Tree page = parse_markup(html_page(sample_report()));
  const Tree& failed = case_details(page, "nixos-tests/ip [2021] — failed");
  BOOST_TEST(texts(children(failed, "h4")) == (std::vector<std::string>{"routes"}), boost::test_tools::per_element());
  const auto tables = children(failed, "table");
  BOOST_REQUIRE(tables.size() == 2U);  // the aspects, then the routes' differences
  BOOST_TEST(table_rows(*tables[0])[3] == (Row{"routes", "differs", "1 route differs"}), boost::test_tools::per_element());
  const auto differences = table_rows(*tables[1]);
  BOOST_REQUIRE(differences.size() == 3U);
  BOOST_TEST(differences[1] ==
                 (Row{"missing", "container webserver4 routes[default via 10.231.136.1 dev eth0]", "present", "(none)"}),
             boost::test_tools::per_element());
  BOOST_TEST(differences[2] == (Row{"changed", "host routes[10.231.136.2 dev ve-webserver4] <scope>", "link", "host"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unobserved_aspects_and_adapted_differences_are_shown_apart) {
  const Tree page = parse_markup(html_page(sample_report()));
  const auto aspects = table_rows(*children(case_details(page, "nixos-tests/ip [2021] — failed"), "table")[0]);
  BOOST_TEST(aspects[2] == (Row{"reachability", "not observed", "not observed"}), boost::test_tools::per_element());
  const Tree& passed = case_details(page, "nixos-tests/bridge [2022] — passed");
  const auto boxes = children(passed, "div");
  BOOST_REQUIRE(boxes.size() == 2U);  // argv's adapted differences, then the case's adaptations
  BOOST_TEST(attribute(*boxes[0], "class") == "adaptations");
  BOOST_TEST(text_of(boxes[0]->get_child("p")) == "argv: differences explained by sandbox adaptations");
  BOOST_TEST(table_rows(boxes[0]->get_child("table"))[1] ==
                 (Row{"changed", "container webserver argv[0]", "/nix/store/x-systemd/bin/systemd-nspawn",
                      "/usr/bin/systemd-nspawn"}),
             boost::test_tools::per_element());
  BOOST_TEST(children(passed, "h4").size() == 1U);  // only the timeline's: a passed aspect has no diff table
}

BOOST_AUTO_TEST_CASE(a_case_with_a_warning_is_open_and_shows_it_first) {
  const Tree page = parse_markup(html_page(sample_report_with_a_warning()));
  const Tree& passed = case_details(page, "nixos-tests/bridge [2022] — passed");
  BOOST_TEST(attribute(passed, "open") == "open");
  const auto boxes = children(passed, "div");
  BOOST_REQUIRE(!boxes.empty());
  BOOST_TEST(attribute(*boxes[0], "class") == "warnings");
  BOOST_TEST(text_of(boxes[0]->get_child("ul.li")) ==
             "containers.webserver.timeoutStartSec: holds a line break: <injected> & more");
}

BOOST_AUTO_TEST_CASE(adaptations_and_the_timeline_sit_beside_the_verdict) {
  const Tree page = parse_markup(html_page(sample_report()));
  const Tree& passed = case_details(page, "nixos-tests/bridge [2022] — passed");
  const Tree& adaptations = *children(passed, "div")[1];
  BOOST_TEST(text_of(adaptations.get_child("p")) == "Sandbox adaptations (shown for context, never failures):");
  const Tree& item = adaptations.get_child("ul.li");
  BOOST_TEST(text_of(item) == "container-init is the ctrlab probe — ");
  BOOST_TEST(text_of(item.get_child("em")) == "the NixOS stage 2 is not available here");
  const auto svgs = children(passed, "svg");
  BOOST_REQUIRE(svgs.size() == 1U);
  BOOST_TEST(attribute(*svgs[0], "class") == "timeline");
  BOOST_TEST(children(case_details(page, "nixos-tests/ip [2021] — failed"), "svg").empty());
}

BOOST_AUTO_TEST_CASE(timeline_bars_scale_to_the_longest_run) {
  const std::vector<TimelineBar> bars = {{"a.service", "observed", 0, 100.0, 100.0, "active"},
                                         {"b.service", "observed", 50, std::nullopt, 200.0, "timeout"}};
  const Tree svg = parse_markup(timeline_svg(bars));
  // 640 px for 200 ms: a is 320 px wide from x=220; b starts at 220+160 and, never ready, is red to its end.
  const Tree* a = find_element(svg, "rect", "x", "220.0");
  BOOST_REQUIRE(a != nullptr);
  BOOST_TEST(attribute(*a, "y") == "3.0");
  BOOST_TEST(attribute(*a, "width") == "320.0");
  BOOST_TEST(attribute(*a, "fill") == "#3182bd");
  const Tree* b = find_element(svg, "rect", "x", "380.0");
  BOOST_REQUIRE(b != nullptr);
  BOOST_TEST(attribute(*b, "y") == "25.0");
  BOOST_TEST(attribute(*b, "width") == "480.0");
  BOOST_TEST(attribute(*b, "fill") == "#de2d26");
  const auto labels = texts(descendants(svg, "text"));
  BOOST_TEST((std::find(labels.begin(), labels.end(), "b.service") != labels.end()));
}

BOOST_AUTO_TEST_SUITE_END()
