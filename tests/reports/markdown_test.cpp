// The Markdown summary read back as sections and table rows.
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

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') + 1 - first);
}

// The cells of a table line, unescaping "\|".
Row cells_of(const std::string& line) {
  Row cells;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(trimmed(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

std::vector<Row> table_of(const Section& section) {
  std::vector<Row> rows;
  for (const auto& line : section.lines) {
    if (line.starts_with("|") && !line.starts_with("|---")) rows.push_back(cells_of(line));
  }
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(the_summary_counts_then_lists_each_failure_and_error) {
  const auto md = markdown_summary(sample_report());
  const auto sections = sections_of(md);
  BOOST_REQUIRE(sections.size() == 3U);  // the counts, the failed case, the errored one
  BOOST_TEST(sections[0].lines == (std::vector<std::string>{"## scenarios", "1 passed, 1 failed, 1 errors, 1 skipped in 3.850 s"}),
             boost::test_tools::per_element());
  BOOST_TEST(sections[1].heading == "nixos-tests/ip [2021]: failed");
  const auto rows = table_of(sections[1]);
  BOOST_REQUIRE(rows.size() == 3U);
  BOOST_TEST(rows[0] == (Row{"aspect", "kind", "field", "predicted", "observed"}), boost::test_tools::per_element());
  BOOST_TEST(rows[1] == (Row{"routes", "missing", "`container webserver4 routes[default via 10.231.136.1 dev eth0]`",
                             "present", "(none)"}),
             boost::test_tools::per_element());
  BOOST_TEST(rows[2] == (Row{"routes", "changed", "`host routes[10.231.136.2 dev ve-webserver4] <scope>`", "link", "host"}),
             boost::test_tools::per_element());
  BOOST_TEST(sections[2].heading == "options/bad [2018]: error");
  BOOST_TEST(sections[2].lines == (std::vector<std::string>{"sandbox did not boot: <timeout & retry>"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_passing_case_with_a_warning_is_listed_with_it) {
  const auto md = markdown_summary(sample_report_with_a_warning());
  BOOST_TEST(md.find("### nixos-tests/bridge [2022]: passed\n\n- warning: containers.webserver.timeoutStartSec: holds a "
                     "line break: <injected> & more\n") != std::string::npos);
  BOOST_TEST(md.find("| argv |") == std::string::npos);  // no table for a case that passed
}

BOOST_AUTO_TEST_CASE(pipes_in_values_do_not_break_the_table) {
  auto report = sample_report();
  report.cases[1].aspects[2].differences[0].predicted = "a|b";
  const auto rows = table_of(sections_of(markdown_summary(report))[1]);
  BOOST_REQUIRE(rows.size() == 3U);
  BOOST_REQUIRE(rows[1].size() == 5U);
  BOOST_TEST(rows[1][3] == "a|b");
}

BOOST_AUTO_TEST_SUITE_END()
