// compare's text: every change once, named by what it is.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/compare.hpp"
#include "ctrlab/oracle/expectation.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;
using nlohmann::json;

namespace {

json document(const std::string& scenario_text, Revision revision) {
  const auto scenario = parse_scenario_file(scenario_text);
  return expectation_document(expect(predict(scenario, revision), host_network_of(scenario.host)));
}

const std::string routed = R"({"containers": {"web": {"path": "/p", "privateNetwork": true,
    "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2"EXTRA}}})";

std::string routed_with(const std::string& extra) {
  auto text = routed;
  text.replace(text.find("EXTRA"), 5, extra);
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(readable_changes_spec)

BOOST_AUTO_TEST_CASE(an_extra_flag_reads_as_its_env_file_line_and_its_argument_once) {
  const auto before = document(routed_with(""), Revision::r2022);
  const auto after = document(routed_with(R"(, "extraFlags": ["--private-users=no"])"), Revision::r2022);
  BOOST_TEST(compare_documents(before, after).size() == 6U);  // the env file and the argv, each said twice
  BOOST_TEST(readable_changes(before, after) ==
                 (std::vector<std::string>{"web: env file line EXTRA_NSPAWN_FLAGS=\"\" removed",
                                           "web: env file line EXTRA_NSPAWN_FLAGS=\" --private-users=no\" added",
                                           "web: nspawn argv: added --private-users=no"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_revision_upgrade_says_each_change_once_by_its_meaning) {
  const auto text = routed_with("");
  const auto before = document(text, Revision::r2018), after = document(text, Revision::r2022);
  const auto lines = readable_changes(before, after);
  BOOST_TEST(lines.size() < compare_documents(before, after).size());
  BOOST_TEST(std::set<std::string>(lines.begin(), lines.end()).size() == lines.size());  // no line twice
  const auto has = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) != lines.end(); };
  BOOST_TEST(has("web: nspawn argv: added --kill-signal=SIGRTMIN+3"));
  BOOST_TEST(has("web: unit [Service] KillSignal: WINCH → TERM"));
  BOOST_TEST(has("web: env file path: /etc/containers/web.conf → /etc/nixos-containers/web.conf"));
  for (const auto& line : lines) {
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(line.find("systemd-nspawn:") == std::string::npos);  // the argv, not again as a host command
      BOOST_TEST(!line.starts_with("template unit [Service] KillSignal"));  // said by the container's unit
      BOOST_TEST(!line.starts_with("file \"/etc/containers/web.conf\""));   // the env file, said as such
      BOOST_TEST(line.find("hostOps") == std::string::npos);
      BOOST_TEST(line.find("containers.") == std::string::npos);  // named, not a JSON path
    }
  }
}

BOOST_AUTO_TEST_CASE(a_template_change_no_container_shares_is_still_shown) {
  json before = {{"templateUnit", {{"serviceConfig", {{"KillSignal", "WINCH"}}}}}};
  json after = {{"templateUnit", {{"serviceConfig", {{"KillSignal", "TERM"}}}}}};
  BOOST_TEST(readable_changes(before, after) == std::vector<std::string>{"template unit [Service] KillSignal: WINCH → TERM"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
