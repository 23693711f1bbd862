// The Markdown summary read back as a reader of GitHub's Markdown would: sections, <details>
// blocks, table rows split on unescaped pipes, code spans and backslash escapes undone.
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "ctrlab/reports/formats.hpp"
#include "sample_report.hpp"

using namespace ctrlab::reports;
using Row = std::vector<std::string>;

namespace {

// A section: its "### " heading and the lines under it up to the next heading.
struct Section {
  std::string heading;
  std::vector<std::string> lines;
};

std::vector<Section> sections_of(const std::string& markdown) {
  std::vector<Section> sections(1);
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("### ")) {
      sections.push_back({line.substr(4), {}});
    } else if (!line.empty()) {
      sections.back().lines.push_back(line);
    }
  }
  return sections;
}

const Section& section_named(const std::vector<Section>& sections, const std::string& heading) {
  for (const auto& section : sections) {
    if (section.heading == heading) return section;
  }
  BOOST_FAIL("no section " << heading);
  throw;
}

// A cell's text as rendered: a code span's content verbatim (its delimiters and one padding
// space each side removed), elsewhere backslash escapes undone; "\|" is a pipe in both.
std::string rendered(const std::string& cell) {
  std::string text;
  for (std::size_t i = 0; i < cell.size();) {
    if (cell[i] == '`') {
      const auto run = cell.find_first_not_of('`', i) - i;
      const auto close = cell.find(std::string(run, '`'), i + run);
      BOOST_REQUIRE_MESSAGE(close != std::string::npos, "an unclosed code span in " << cell);
      auto code = cell.substr(i + run, close - i - run);
      if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ') code = code.substr(1, code.size() - 2);
      for (std::size_t at; (at = code.find("\\|")) != std::string::npos;) code.replace(at, 2, "|");
      text += code;
      i = close + run;
    } else if (cell[i] == '\\' && i + 1 < cell.size()) {
      text += cell[i + 1];
      i += 2;
    } else {
      text += cell[i++];
    }
  }
  const auto first = text.find_first_not_of(' ');
  return first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') + 1 - first);
}

// The cells of a table line, split on every pipe not escaped, as GitHub splits them (in code
// spans too).
Row cells_of(const std::string& line) {
  Row cells;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      cell += line.substr(i, 2);
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(rendered(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

std::vector<Row> tables_rows(const std::vector<std::string>& lines) {
  std::vector<Row> rows;
  for (const auto& line : lines) {
    if (line.starts_with("|") && !line.starts_with("|---")) rows.push_back(cells_of(line));
  }
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(the_counts_come_first_then_what_did_not_pass_then_every_case) {
  const auto sections = sections_of(markdown_summary(sample_report()));
  BOOST_REQUIRE(sections.size() == 4U);
  BOOST_TEST(sections[0].lines ==
                 (std::vector<std::string>{"## scenarios",
                                           "**2 of 4 cases did not pass**: 1 passed, 1 failed, 1 errors, 1 skipped in 3.850 s"}),
             boost::test_tools::per_element());
  BOOST_TEST(sections[1].heading == "nixos-tests/ip \\[2021\\]: failed");
  BOOST_TEST(sections[2].heading == "options/bad \\[2018\\]: error");
  BOOST_TEST(sections[3].heading == "All cases");
  const auto all = tables_rows(sections[3].lines);
  BOOST_REQUIRE(all.size() == 5U);
  BOOST_TEST(all[0] == (Row{"case", "revision", "status", "seconds", "warnings"}), boost::test_tools::per_element());
  BOOST_TEST(all[1] == (Row{"nixos-tests/ip", "2021", "failed", "2.250", ""}), boost::test_tools::per_element());
  BOOST_TEST(all[2][2] == "error");
  BOOST_TEST(all[3][2] == "skipped");
  BOOST_TEST(all[4] == (Row{"nixos-tests/bridge", "2022", "passed", "1.500", ""}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failure_shows_its_cause_then_folds_the_diff_and_the_journal) {
  const auto sections = sections_of(markdown_summary(sample_report()));
  const auto& failed = sections[1];
  BOOST_REQUIRE(failed.lines.size() >= 3U);
  BOOST_TEST(failed.lines[0] == "**Cause:** routes: 1 route differs");
  BOOST_TEST(failed.lines[1] == "<details><summary>What differs (2)</summary>");
  const auto rows = tables_rows(failed.lines);
  BOOST_REQUIRE(rows.size() == 3U);
  BOOST_TEST(rows[0] == (Row{"aspect", "kind", "where", "predicted", "observed"}), boost::test_tools::per_element());
  BOOST_TEST(rows[1] == (Row{"routes", "missing", "container webserver4 routes[default via 10.231.136.1 dev eth0]",
                             "present", "(none)"}),
             boost::test_tools::per_element());
  BOOST_TEST(rows[2] == (Row{"routes", "changed", "host routes[10.231.136.2 dev ve-webserver4] <scope>", "link", "host"}),
             boost::test_tools::per_element());
  std::vector<std::string> folds;
  for (const auto& line : failed.lines) {
    if (line.starts_with("<details>") || line == "</details>") folds.push_back(line);
  }
  BOOST_TEST(folds == (std::vector<std::string>{"<details><summary>What differs (2)</summary>", "</details>",
                                                "<details><summary>Journal and runner log</summary>", "</details>"}),
             boost::test_tools::per_element());
  const auto fence = std::find(failed.lines.begin(), failed.lines.end(), "```text");
  BOOST_REQUIRE(fence != failed.lines.end());
  BOOST_TEST(*(fence + 1) == "journal of container@webserver4.service:");
}

BOOST_AUTO_TEST_CASE(backticks_pipes_and_markup_in_values_survive_the_table) {
  auto report = sample_report();
  auto& difference = report.cases[1].aspects[2].differences[0];
  difference.predicted = "a|b `c` ``d``";
  difference.observed = "`<b>` & *x*";
  difference.field = "routes[`x`|y]";
  const auto sections = sections_of(markdown_summary(report));
  const auto rows = tables_rows(sections[1].lines);
  BOOST_REQUIRE(rows.size() == 3U);
  BOOST_REQUIRE(rows[1].size() == 5U);
  BOOST_TEST(rows[1][2] == "container webserver4 routes[`x`|y]");
  BOOST_TEST(rows[1][3] == "a|b `c` ``d``");
  BOOST_TEST(rows[1][4] == "`<b>` & *x*");
}

BOOST_AUTO_TEST_CASE(text_outside_code_is_escaped) {
  auto report = sample_report();
  report.cases[1].cause = "a `b` | <c> *d*";
  const auto sections = sections_of(markdown_summary(report));
  const auto& failed = sections[1];
  BOOST_TEST(failed.lines[0] == "**Cause:** a \\`b\\` \\| \\<c\\> \\*d\\*");
  BOOST_TEST(rendered(failed.lines[0].substr(std::string("**Cause:** ").size())) == "a `b` | <c> *d*");
}

BOOST_AUTO_TEST_CASE(a_journal_holding_a_fence_gets_a_longer_one) {
  auto report = sample_report();
  report.cases[1].journal[0].text = "```\ninjected\n";
  const auto sections = sections_of(markdown_summary(report));
  const auto& failed = sections[1];
  const auto fence = std::find(failed.lines.begin(), failed.lines.end(), "````text");
  BOOST_REQUIRE(fence != failed.lines.end());
  BOOST_TEST(*(fence + 2) == "  ```");  // the journal, indented under its heading
  BOOST_TEST(std::count(failed.lines.begin(), failed.lines.end(), "````") == 1);
}

BOOST_AUTO_TEST_CASE(warnings_of_cases_that_passed_are_listed_apart) {
  const auto sections = sections_of(markdown_summary(sample_report_with_a_warning()));
  const auto& warnings = section_named(sections, "Warnings of the prediction");
  BOOST_TEST(warnings.lines == (std::vector<std::string>{"- nixos-tests/bridge \\[2022\\]: containers.webserver.timeoutStartSec: "
                                                         "holds a line break: \\<injected\\> \\& more"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
