// Signals as systemd 252 reads and names them. The pairs marked "systemd" are the test
// vectors of systemd's own signal_from_string test (src/test/test-signal-util.c), with glibc's
// SIGRTMIN of 34 and SIGRTMAX of 64.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ctrlab/oracle/nspawn_signals.hpp"
#include "ctrlab/oracle/signal.hpp"

using namespace ctrlab::oracle;

namespace {

// A name is read with and without "SIG" (systemd's test_signal_from_string_one()).
void check_name(const std::string& name, std::optional<int> number) {
  for (const std::string& text : {name, "SIG" + name}) {
    BOOST_TEST_CONTEXT("'" << text << "'") {
      const auto signal = parse_signal(text);
      BOOST_TEST(signal.has_value() == number.has_value());
      if (signal && number) BOOST_TEST(signal->number == *number);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signal_names)

BOOST_AUTO_TEST_CASE(systemds_names_round_trip) {
  for (const int number : {1, 15, 34, 37, 60}) {
    const std::string name = signal_name(Signal{number});
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(parse_signal(name).value().number == number);
      BOOST_TEST(parse_signal(name.substr(3)).value().number == number);  // without SIG
    }
  }
}

BOOST_AUTO_TEST_CASE(systemds_realtime_vectors) {
  check_name("RTMIN", 34);
  check_name("RTMAX", 64);
  check_name("RTMIN+30", 64);
  check_name("RTMIN+2147483647", std::nullopt);
  check_name("RTMAX-30", 34);
  check_name("RTMAX-2147483647", std::nullopt);
  for (const char* refused : {"", "hup", "HOGEHOGE", "RTMIN-5", "RTMIN-    5", "RTMIN    -5", "RTMIN+    5",
                              "RTMIN    +5", "RTMIN+100", "RTMIN+-3", "RTMIN++3", "RTMIN+HUP", "RTMIN3", "RTMAX+5",
                              "RTMAX+    5", "RTMAX    +5", "RTMAX-    5", "RTMAX    -5", "RTMAX-100", "RTMAX-+3",
                              "RTMAX--3", "RTMAX-HUP"}) {
    check_name(refused, std::nullopt);
  }
}

BOOST_AUTO_TEST_CASE(systemds_number_vectors_and_no_sig_before_a_number) {
  BOOST_TEST(parse_signal("3").value().number == 3);
  BOOST_TEST(parse_signal("+5").value().number == 5);
  BOOST_TEST(parse_signal("  +5").value().number == 5);
  for (const char* refused : {"10000", "-2", "0", "SIG3", "SIG+5", "SIG  +5", "SIG10000", "SIG-2"}) {
    BOOST_TEST(!parse_signal(refused).has_value(), "'" << refused << "' is refused");
  }
}

BOOST_AUTO_TEST_CASE(every_classic_name_reads_back_to_its_number) {
  for (int number = 1; number <= 31; ++number) {
    const std::string name = signal_name(Signal{number});
    BOOST_TEST_CONTEXT(number) {
      BOOST_TEST(name.starts_with("SIG"));
      BOOST_TEST(parse_signal(name).value().number == number);
    }
  }
  BOOST_TEST(parse_signal("TERM").value().number == 15);
  BOOST_TEST(parse_signal("WINCH").value().number == 28);
  BOOST_TEST(!parse_signal("IOT").has_value());  // glibc's aliases are not systemd's names
}

BOOST_AUTO_TEST_CASE(names_as_systemd_prints_them) {
  BOOST_TEST(signal_name(signals::kill) == "SIGKILL");
  BOOST_TEST(signal_name(signals::rtmin_plus_3) == "SIGRTMIN+3");
  BOOST_TEST(signal_name(signals::rtmin) == "SIGRTMIN+0");
  BOOST_TEST(signal_name(Signal{65}) == "65");
}

BOOST_AUTO_TEST_CASE(default_actions_of_signal_7) {
  BOOST_TEST((default_action(signals::window_change) == DefaultAction::ignore));
  BOOST_TEST((default_action(signals::terminate) == DefaultAction::terminate));
  BOOST_TEST((default_action(signals::abort) == DefaultAction::core_dump));
  BOOST_TEST((default_action(signals::stop) == DefaultAction::stop));
  BOOST_TEST((default_action(signals::cont) == DefaultAction::resume));
  BOOST_TEST((default_action(signals::rtmin_plus_3) == DefaultAction::terminate));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nspawn_and_its_kill_signal)

BOOST_AUTO_TEST_CASE(term_and_int_shut_the_container_down_in_order) {
  BOOST_TEST((nspawn_signal_effect(signals::terminate) == NspawnSignalEffect::orderly_shutdown));
  BOOST_TEST((nspawn_signal_effect(signals::interrupt) == NspawnSignalEffect::orderly_shutdown));
}

BOOST_AUTO_TEST_CASE(the_2018_modules_winch_leaves_the_container_running) {
  for (const auto signal : {signals::window_change, signals::child, signals::urgent, signals::cont, signals::stop}) {
    BOOST_TEST_CONTEXT(signal_name(signal)) {
      BOOST_TEST((nspawn_signal_effect(signal) == NspawnSignalEffect::container_keeps_running));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_other_deadly_signal_kills_nspawn) {
  for (const auto signal : {signals::kill, signals::hangup, signals::quit, signals::rtmin_plus_3, signals::rtmin_plus_4}) {
    BOOST_TEST_CONTEXT(signal_name(signal)) { BOOST_TEST((nspawn_signal_effect(signal) == NspawnSignalEffect::dies)); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
