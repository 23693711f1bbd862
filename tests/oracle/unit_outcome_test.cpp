// The rule for unit histories: what must be equal exactly between prediction and observation.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ctrlab/oracle/unit_outcome.hpp"

using namespace ctrlab::oracle;
using Strings = std::vector<std::string>;

namespace {

UnitHistory started_once() {
  UnitHistory history;
  history.changes = {{0, "inactive", "dead"}, {1, "activating", "start-pre"}, {2, "activating", "start"},
                     {3, "active", "running"}};
  history.result = "success";
  return history;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unit_outcomes)

BOOST_AUTO_TEST_CASE(a_change_of_substate_alone_is_no_change_of_activestate) {
  BOOST_TEST(exact_outcome(started_once()).active_states == (Strings{"inactive", "activating", "active"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(times_and_substates_may_vary) {
  auto later = started_once();
  for (auto& change : later.changes) change.at += 5000;
  later.changes[2].sub_state = "start-post";
  later.active_enter = 9000;
  BOOST_TEST((exact_outcome(later) == exact_outcome(started_once())));
}

BOOST_AUTO_TEST_CASE(result_restarts_and_the_main_exit_must_be_equal) {
  auto failed = started_once();
  failed.result = "exit-code";
  BOOST_TEST(!(exact_outcome(failed) == exact_outcome(started_once())));
  auto restarted = started_once();
  restarted.n_restarts = 1;
  BOOST_TEST(!(exact_outcome(restarted) == exact_outcome(started_once())));
  auto exited = started_once();
  exited.exec_main_code = "exited";
  BOOST_TEST(!(exact_outcome(exited) == exact_outcome(started_once())));
}

BOOST_AUTO_TEST_CASE(fields_are_named_as_systemd_names_them) {
  auto history = started_once();
  history.exec_main_code = "exited";
  history.exec_main_status = 7;
  history.n_restarts = 2;
  std::vector<std::string> lines;
  for (const auto& [name, value] : outcome_fields(exact_outcome(history))) lines.push_back(std::string(name) + "=" + value);
  BOOST_TEST(lines == (Strings{"Result=success", "NRestarts=2", "ExecMainCode=exited", "ExecMainStatus=7",
                               "ActiveState sequence=inactive -> activating -> active"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
