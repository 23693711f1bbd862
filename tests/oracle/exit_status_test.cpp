// Exit statuses and their names as systemd 252 prints and reads them; the lists of
// SuccessExitStatus= and its kin. Vectors marked "systemd" are those of systemd's own test
// (src/test/test-exit-status.c).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ctrlab/oracle/exit_status.hpp"

using namespace ctrlab::oracle;
using Words = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(exit_statuses)

BOOST_AUTO_TEST_CASE(systemds_vectors) {
  BOOST_TEST(parse_exit_status("11").value() == 11);
  BOOST_TEST(!parse_exit_status("-1").has_value());
  BOOST_TEST(!parse_exit_status("256").has_value());
  BOOST_TEST(!parse_exit_status("foo").has_value());
  BOOST_TEST(parse_exit_status("SUCCESS").value() == 0);
  BOOST_TEST(parse_exit_status("FAILURE").value() == 1);
  BOOST_TEST(exit_status_name(242).value() == "NUMA_POLICY");
}

BOOST_AUTO_TEST_CASE(every_name_reads_back_to_its_status) {
  int named = 0;
  for (int status = -1; status <= 256; ++status) {
    if (const auto name = exit_status_name(status)) {
      ++named;
      BOOST_TEST(parse_exit_status(*name).value() == status, *name);
    }
  }
  BOOST_TEST(named == 67);  // 2 libc, 6 LSB, 15 BSD, 43 systemd, EXCEPTION
}

BOOST_AUTO_TEST_CASE(names_as_systemctl_status_prints_them) {
  BOOST_TEST(exit_status_name(0).value() == "SUCCESS");
  BOOST_TEST(exit_status_name(7).value() == "NOTRUNNING");
  BOOST_TEST(exit_status_name(75).value() == "TEMPFAIL");
  BOOST_TEST(exit_status_name(203).value() == "EXEC");
  BOOST_TEST(exit_status_name(231).value() == "APPARMOR");
  BOOST_TEST(exit_status_name(244).value() == "BPF");
  BOOST_TEST(exit_status_name(255).value() == "EXCEPTION");
  for (const int unnamed : {8, 63, 79, 133, 199, 223, 234, 245, 254}) {
    BOOST_TEST(!exit_status_name(unnamed).has_value(), unnamed << " has no name");
  }
}

BOOST_AUTO_TEST_CASE(exit_codes_as_dbus_carries_them) {
  BOOST_TEST(to_string(exit_code_from_number(1).value()) == "exited");
  BOOST_TEST(to_string(exit_code_from_number(2).value()) == "killed");
  BOOST_TEST(to_string(exit_code_from_number(3).value()) == "dumped");
  BOOST_TEST(!exit_code_from_number(0).has_value());  // the process has not ended
}

BOOST_AUTO_TEST_CASE(a_list_of_statuses_names_and_signals) {
  const auto reading = read_exit_status_set("133 TEMPFAIL SIGUSR1  7\tRTMIN+3");
  BOOST_TEST(reading.unknown_words.empty());
  const ExitStatusSet& set = reading.set;
  BOOST_TEST(set.contains(ProcessExit::exited_with(133)));
  BOOST_TEST(set.contains(ProcessExit::exited_with(75)));
  BOOST_TEST(set.contains(ProcessExit::exited_with(7)));
  BOOST_TEST(set.contains(ProcessExit::killed_by(signals::user1)));
  BOOST_TEST(set.contains(ProcessExit::dumped_by(signals::rtmin_plus_3)));
  BOOST_TEST(!set.contains(ProcessExit::exited_with(10)));       // a status is not a signal
  BOOST_TEST(!set.contains(ProcessExit::killed_by(Signal{7})));  // nor a signal a status
  BOOST_TEST(to_string(set) == "7 75 133 SIGUSR1 SIGRTMIN+3");
}

BOOST_AUTO_TEST_CASE(unknown_words_are_listed_as_systemd_skips_them) {
  const auto reading = read_exit_status_set("133 banana 256 SIGNOPE");
  BOOST_TEST(reading.unknown_words == (Words{"banana", "256", "SIGNOPE"}));
  BOOST_TEST(to_string(reading.set) == "133");
}

BOOST_AUTO_TEST_CASE(sets_are_equal_by_content_not_spelling) {
  BOOST_TEST((read_exit_status_set("TEMPFAIL SIGTERM").set == read_exit_status_set("15 75").set) == false);
  BOOST_TEST((read_exit_status_set("TEMPFAIL SIGTERM").set == read_exit_status_set("TERM 75").set));
}

BOOST_AUTO_TEST_SUITE_END()
