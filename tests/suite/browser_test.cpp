// report.html in a real browser: Chromium loads the page offline, runs its script, and the DOM
// it ends with is read back with libxml2's HTML parser and XPath. Without Chromium the tests
// are skipped, saying so; CI installs it (tools/install-deps).
#include <boost/test/unit_test.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <sstream>

#include "ctrlab/reports/formats.hpp"
#include "recorded_runs.hpp"
#include "run_program.hpp"

namespace {

std::string chromium_path() {
  const char* path = std::getenv("PATH");
  std::istringstream directories(path == nullptr ? "/usr/bin" : path);
  for (std::string directory; std::getline(directories, directory, ':');) {
    const auto candidate = std::filesystem::path(directory) / "chromium";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

boost::test_tools::assertion_result chromium_present(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result present(!chromium_path().empty());
  present.message() << "needs Chromium (Debian's chromium package, tools/install-deps) in PATH";
  return present;
}

// What the browser made of a page: the DOM after its scripts ran, and its console's lines.
struct Loaded {
  std::string dom;
  std::vector<std::string> console;
};

Loaded load(const std::filesystem::path& page, const std::string& query = "") {
  const TemporaryDirectory profile;
  const auto result = run_program({"timeout", "60", chromium_path(), "--headless", "--no-sandbox", "--disable-gpu",
                                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                   "--no-first-run", "--user-data-dir=" + profile.path().string(), "--enable-logging=stderr",
                                   "--v=0", "--dump-dom", "file://" + page.string() + query});
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, "chromium exited " << result.exit_code << ": " << result.err);
  Loaded loaded{result.out, {}};
  std::istringstream lines(result.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos) loaded.console.push_back(line);
  }
  return loaded;
}

// The DOM read as HTML, asked with XPath.
class Dom {
 public:
  explicit Dom(const std::string& html)
      : document_(htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "utf-8",
                                 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
                  xmlFreeDoc) {
    BOOST_REQUIRE(document_ != nullptr);
  }
  [[nodiscard]] double number(const std::string& xpath) const {
    const std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(xmlXPathNewContext(document_.get()),
                                                                                  xmlXPathFreeContext);
    const std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context.get()), xmlXPathFreeObject);
    BOOST_REQUIRE_MESSAGE(result != nullptr && result->type == XPATH_NUMBER, "not a number: " << xpath);
    return result->floatval;
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> document_;
};

// The recorded runs' report: restart passed, private-users failed, hang errored.
std::filesystem::path written_report(const TemporaryDirectory& directory) {
  ctrlab::reports::SuiteReport report{"ctrlab run", "2026-12-06T20:17:00Z", "debian", "0.1.0", {}};
  for (const char* name : {"restart", "private-users", "hang"}) {
    report.cases.push_back(recorded::judged(name, recorded::run(name)).report);
  }
  return directory.write("report.html", ctrlab::reports::html_page(report));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_in_a_browser, *boost::unit_test::precondition(chromium_present))

BOOST_AUTO_TEST_CASE(the_console_catches_a_broken_script) {
  const TemporaryDirectory directory;
  const auto page = directory.write("broken.html", "<!DOCTYPE html><html><body><script>missing();</script></body></html>");
  const auto loaded = load(page);
  BOOST_REQUIRE(loaded.console.size() == 1U);
  BOOST_TEST(loaded.console[0].find("Uncaught ReferenceError: missing is not defined") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_page_loads_without_console_messages_and_shows_every_case) {
  const TemporaryDirectory directory;
  const auto loaded = load(written_report(directory));
  BOOST_TEST(loaded.console.empty(), "console: " << (loaded.console.empty() ? "" : loaded.console.front()));
  const Dom dom(loaded.dom);
  BOOST_TEST(dom.number("count(//details[@data-status])") == 3);
  BOOST_TEST(dom.number("count(//*[@data-status][@hidden])") == 0);
  BOOST_TEST(dom.number("count(//button[@aria-pressed='true'])") == 4);
}

BOOST_AUTO_TEST_CASE(the_timeline_of_the_restarts_shows_six_attempts) {
  const TemporaryDirectory directory;
  const Dom dom(load(written_report(directory)).dom);
  const std::string restart = "//details[@id='case-restart-2022']";
  BOOST_TEST(dom.number("count(" + restart + "//rect[@data-unit='container@exits.service'][@class='attempt observed'])") == 6);
  BOOST_TEST(dom.number("count(" + restart + "//rect[@data-unit='container@exits.service'][@class='attempt predicted'])") == 6);
  BOOST_TEST(dom.number("count(//rect[starts-with(@class, 'attempt')][number(@width) < 1])") == 0);
  BOOST_TEST(dom.number("count(" + restart + "//g[@class='legend']/text)") == 4);
}

BOOST_AUTO_TEST_CASE(the_filter_in_the_address_hides_the_cases_that_passed) {
  const TemporaryDirectory directory;
  const auto loaded = load(written_report(directory), "?status=failed,error");
  BOOST_TEST(loaded.console.empty());
  const Dom dom(loaded.dom);
  BOOST_TEST(dom.number("count(//details[@data-status='passed'][@hidden])") == 1);
  BOOST_TEST(dom.number("count(//tr[@data-status='passed'][@hidden])") == 1);
  BOOST_TEST(dom.number("count(//details[@data-status='failed' or @data-status='error'][not(@hidden)])") == 2);
  BOOST_TEST(dom.number("count(//button[@data-status='passed'][@aria-pressed='false'])") == 1);
}

BOOST_AUTO_TEST_CASE(a_case_reached_by_its_anchor_is_opened) {
  const TemporaryDirectory directory;
  const Dom dom(load(written_report(directory), "#case-restart-2022").dom);
  BOOST_TEST(dom.number("count(//details[@id='case-restart-2022'][@open])") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
