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
  const Tree* filter = find_element(page, "p", "id", "filter");
  BOOST_REQUIRE(filter != nullptr);
  BOOST_TEST(texts(children(*filter, "button")) == (std::vector<std::string>{"1 failed", "1 error", "1 skipped", "1 passed"}),
             boost::test_tools::per_element());
  const Tree& passed = case_details(page, "nixos-tests/bridge [2022] — passed");
  BOOST_TEST(attribute(passed, "open").empty());
  BOOST_TEST(attribute(passed.get_child("summary"), "class") == "passed");
  const Tree& failed = case_details(page, "nixos-tests/ip [2021] — failed");
  BOOST_TEST(attribute(failed, "open") == "open");
  BOOST_TEST(attribute(failed.get_child("summary"), "class") == "failed");
}

BOOST_AUTO_TEST_CASE(the_summary_table_lists_the_worst_first_with_their_causes) {
  const Tree page = parse_markup(html_page(sample_report()));
  const auto rows = table_rows(page.get_child("html.body.table"));
  BOOST_REQUIRE(rows.size() == 5U);
  BOOST_TEST(rows[0] == (Row{"scenario", "revision", "status", "seconds", "cause"}), boost::test_tools::per_element());
  // The scenario's cell holds its link (below), so its own text is empty.
  BOOST_TEST(rows[1] == (Row{"", "2021", "failed", "2.250", "routes: 1 route differs"}), boost::test_tools::per_element());
  BOOST_TEST(rows[2] == (Row{"", "2018", "error", "0.100", "sandbox did not boot: <timeout & retry>"}),
             boost::test_tools::per_element());
  BOOST_TEST(rows[3][2] == "skipped");
  BOOST_TEST(rows[4][2] == "passed");
}

BOOST_AUTO_TEST_CASE(each_case_is_linked_from_the_summary_to_its_anchor) {
  const Tree page = parse_markup(html_page(sample_report()));
  const auto links = descendants(page.get_child("html.body.table"), "a");
  BOOST_REQUIRE(links.size() == 4U);
  BOOST_TEST(text_of(*links[0]) == "nixos-tests/ip");
  BOOST_TEST(attribute(*links[0], "href") == "#case-nixos-tests-ip-2021");
  for (const Tree* link : links) {
    const auto id = attribute(*link, "href").substr(1);
    const Tree* target = find_element(page, "details", "id", id);
    BOOST_REQUIRE_MESSAGE(target != nullptr, "no case with id " << id);
    BOOST_TEST(text_of(target->get_child("summary")).starts_with(text_of(*link) + " ["));
  }
  const auto sections = descendants(page, "details");
  BOOST_TEST(attribute(*sections[0], "data-status") == "failed");  // the worst first
}

BOOST_AUTO_TEST_CASE(the_cause_comes_before_the_diff_and_the_journal_is_folded_below) {
  const Tree page = parse_markup(html_page(sample_report()));
  const Tree& failed = case_details(page, "nixos-tests/ip [2021] — failed");
  std::vector<std::string> order;
  for (const auto& [key, child] : failed) {
    if (key != "<xmlattr>") order.push_back(key + (attribute(child, "class").empty() ? "" : "." + attribute(child, "class")));
  }
  BOOST_TEST(order == (std::vector<std::string>{"summary.failed", "p.cause", "table", "h4", "table", "details.journal",
                                                "div.adaptations"}),
             boost::test_tools::per_element());
  BOOST_TEST(text_of(failed.get_child("p")) == "routes: 1 route differs");
  const Tree* journal = find_element(failed, "details", "class", "journal");
  BOOST_REQUIRE(journal != nullptr);
  BOOST_TEST(attribute(*journal, "open").empty());
  BOOST_TEST(texts(children(*journal, "pre")) ==
                 (std::vector<std::string>{"Starting container@webserver4.service...\nip: RTNETLINK answers: File exists\n",
                                           "12 ms: installed\n340 ms: settled\n"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_page_is_one_file_with_its_filter_inline) {
  const auto text = html_page(sample_report());
  const Tree page = parse_markup(text);
  BOOST_TEST(descendants(page, "link").empty());
  BOOST_TEST(descendants(page, "script").size() == 1U);
  // Nothing is fetched: no element has a source, and every link stays within the page.
  BOOST_TEST(text.find(" src=") == std::string::npos);
  for (const Tree* link : descendants(page, "a")) BOOST_TEST(attribute(*link, "href").starts_with("#"));
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
  const std::vector<TimelineBar> bars = {{"a.service", "observed", 0, 100.0, 100.0, "ready", 1},
                                         {"b.service", "observed", 50, std::nullopt, 200.0, "timeout", 1}};
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

BOOST_AUTO_TEST_SUITE(timeline)

BOOST_AUTO_TEST_CASE(each_attempt_is_a_bar_in_its_units_row_and_none_is_negative) {
  const std::vector<TimelineBar> bars = {{"r.service", "observed", 0, 100.0, 100.0, "ready", 1},
                                         {"r.service", "observed", 400, 500.0, 500.0, "ready", 2},
                                         {"r.service", "predicted", 0, 90.0, 90.0, "ready", 1},
                                         {"r.service", "predicted", 380, std::nullopt, 300.0, "timeout", 2}};
  const Tree svg = parse_markup(timeline_svg(bars));
  std::vector<std::string> attempts;
  for (const Tree* rect : descendants(svg, "rect")) {
    if (attribute(*rect, "class").starts_with("attempt")) {
      attempts.push_back(attribute(*rect, "class") + " " + attribute(*rect, "data-attempt"));
      BOOST_TEST(std::stod(attribute(*rect, "width")) >= 1.0);
      BOOST_TEST(std::stod(attribute(*rect, "y")) < 22.0);  // one row: one unit
    }
  }
  BOOST_TEST(attempts == (std::vector<std::string>{"attempt observed 1", "attempt observed 2", "attempt predicted 1",
                                                   "attempt predicted 2"}),
             boost::test_tools::per_element());
  const Tree* second = find_element(svg, "rect", "data-attempt", "2");
  BOOST_REQUIRE(second != nullptr);
  BOOST_TEST(text_of(second->get_child("title")) == "r.service (observed) attempt 2: 400.0 ms to 500.0 ms, ready");
}

BOOST_AUTO_TEST_CASE(a_legend_names_every_kind_of_bar) {
  const Tree svg = parse_markup(timeline_svg({{"a.service", "observed", 0, 1.0, 1.0, "ready", 1}}));
  const Tree* legend = find_element(svg, "g", "class", "legend");
  BOOST_REQUIRE(legend != nullptr);
  BOOST_TEST(texts(children(*legend, "text")) ==
                 (std::vector<std::string>{"observed: started until ready", "observed: started, gave up",
                                           "predicted: started until ready", "predicted: started, gave up"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
