// Reading systemd's values: time spans, signals, exit-status lists, and the unit properties
// the NixOS module sets.
#include <boost/test/unit_test.hpp>

#include "ctrlab/sim/exit_status.hpp"
#include "ctrlab/sim/input_error.hpp"
#include "ctrlab/sim/service_properties.hpp"
#include "ctrlab/sim/signal.hpp"
#include "ctrlab/sim/timespan.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;
using ctrlab::oracle::UnitDefinition;

BOOST_AUTO_TEST_SUITE(time_spans)

BOOST_AUTO_TEST_CASE(spans_as_the_module_writes_them) {
  BOOST_TEST(parse_timespan("1min").value() == 60s);
  BOOST_TEST(parse_timespan("90s").value() == 90s);
  BOOST_TEST(parse_timespan("2min 30s").value() == 150s);
  BOOST_TEST(parse_timespan("100ms").value() == 100ms);
  BOOST_TEST(parse_timespan("15").value() == 15s);  // a bare number counts in seconds
  BOOST_TEST(parse_timespan("1.5s").value() == 1500ms);
  BOOST_TEST(parse_timespan("2 min").value() == 120s);
  BOOST_TEST(parse_timespan("1h 2m 3s 4ms 5us").value() == 3723004005us);
  BOOST_TEST(is_infinite(parse_timespan("infinity").value()));
  BOOST_TEST(parse_timespan("1M").value() == 2629800s);  // M is a month, m a minute
}

BOOST_AUTO_TEST_CASE(malformed_spans_are_refused) {
  BOOST_TEST(!parse_timespan(""));
  BOOST_TEST(!parse_timespan("soon"));
  BOOST_TEST(!parse_timespan("-5s"));
  BOOST_TEST(!parse_timespan("5mins"));
  BOOST_TEST(!parse_timespan("99999999999999999999s"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(signal_names)

BOOST_AUTO_TEST_CASE(names_numbers_and_realtime_signals) {
  BOOST_TEST(parse_signal("TERM").value().number == 15);
  BOOST_TEST(parse_signal("SIGTERM").value().number == 15);
  BOOST_TEST(parse_signal("9").value().number == 9);
  BOOST_TEST(parse_signal("WINCH").value().number == 28);
  BOOST_TEST(parse_signal("SIGRTMIN+3").value().number == 37);
  BOOST_TEST(parse_signal("RTMIN+4").value().number == 38);
  BOOST_TEST(parse_signal("RTMAX-1").value().number == 63);
  BOOST_TEST(!parse_signal("SIGNOPE"));
  BOOST_TEST(!parse_signal("RTMIN+40"));
  BOOST_TEST(!parse_signal("0"));
  BOOST_TEST(signal_name(signals::rtmin_plus_3) == "SIGRTMIN+3");
  BOOST_TEST(signal_name(signals::kill) == "SIGKILL");
}

BOOST_AUTO_TEST_CASE(default_dispositions) {
  BOOST_TEST((default_action(signals::window_change) == DefaultAction::ignore));
  BOOST_TEST((default_action(signals::terminate) == DefaultAction::terminate));
  BOOST_TEST((default_action(signals::abort) == DefaultAction::core_dump));
  BOOST_TEST((default_action(signals::rtmin_plus_3) == DefaultAction::terminate));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exit_status_sets)

BOOST_AUTO_TEST_CASE(statuses_names_and_signals) {
  const ExitStatusSet set = parse_exit_status_set("133 TEMPFAIL SIGUSR1  7", "x");
  BOOST_TEST(set.contains(ProcessExit::exited_with(133)));
  BOOST_TEST(set.contains(ProcessExit::exited_with(75)));
  BOOST_TEST(set.contains(ProcessExit::exited_with(7)));
  BOOST_TEST(set.contains(ProcessExit::killed_by(signals::user1)));
  BOOST_TEST(!set.contains(ProcessExit::exited_with(10)));  // a status is not a signal
  BOOST_TEST(!set.contains(ProcessExit::killed_by(Signal{7})));
}

BOOST_AUTO_TEST_CASE(a_word_that_is_neither_names_the_directive) {
  try {
    (void)parse_exit_status_set("133 banana", "serviceConfig.SuccessExitStatus");
    BOOST_FAIL("expected an InputError");
  } catch (const InputError& error) {
    BOOST_TEST(error.path() == "serviceConfig.SuccessExitStatus");
    BOOST_TEST(std::string(error.what()).find("banana") != std::string::npos);
  }
  BOOST_CHECK_THROW((void)parse_exit_status_set("256", "x"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(service_properties)

namespace {
UnitDefinition container_unit_2022() {
  UnitDefinition unit;
  unit.serviceConfig = {
      {"Delegate", true},
      {"DeviceAllow", std::vector<std::string>{}},
      {"DevicePolicy", "closed"},
      {"KillMode", "mixed"},
      {"KillSignal", "TERM"},
      {"Restart", "on-failure"},
      {"RestartForceExitStatus", "133"},
      {"Slice", "machine.slice"},
      {"SuccessExitStatus", "133"},
      {"TimeoutStartSec", "1min"},
      {"Type", "notify"},
  };
  return unit;
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_container_unit_as_the_2022_module_renders_it) {
  const ServiceProperties p = service_properties_from(container_unit_2022());
  BOOST_TEST((p.type == ServiceType::notify));
  BOOST_TEST((p.restart == RestartPolicy::on_failure));
  BOOST_TEST(p.timeout_start == 60s);
  BOOST_TEST(p.timeout_stop == 90s);          // systemd's default
  BOOST_TEST(p.restart_sec == 100ms);         // systemd's default
  BOOST_TEST(p.start_limit_interval == 10s);  // systemd's default
  BOOST_TEST(p.start_limit_burst == 5U);      // systemd's default
  BOOST_TEST((p.kill_mode == KillMode::mixed));
  BOOST_TEST((p.kill_signal == signals::terminate));
  BOOST_TEST((p.notify_access == NotifyAccess::main));
  BOOST_TEST(p.success_exit_status.has_status(133));
  BOOST_TEST(p.restart_force_exit_status.has_status(133));
  BOOST_TEST(p.restart_prevent_exit_status.empty());
}

BOOST_AUTO_TEST_CASE(an_empty_unit_gets_systemds_defaults) {
  const ServiceProperties p = service_properties_from(UnitDefinition{});
  BOOST_TEST((p.type == ServiceType::simple));
  BOOST_TEST((p.restart == RestartPolicy::no));
  BOOST_TEST(p.timeout_start == 90s);
  BOOST_TEST((p.kill_mode == KillMode::control_group));
  BOOST_TEST((p.notify_access == NotifyAccess::none));
  BOOST_TEST(!p.commands.start_pre);
}

BOOST_AUTO_TEST_CASE(timeouts_zero_and_infinity_and_timeoutsec) {
  UnitDefinition unit;
  unit.serviceConfig = {{"TimeoutSec", "5min"}, {"TimeoutStartSec", "0"}};
  const ServiceProperties p = service_properties_from(unit);
  BOOST_TEST(is_infinite(p.timeout_start));  // 0 disables the start timeout
  BOOST_TEST(p.timeout_stop == 300s);        // TimeoutSec= sets both; the specific one wins
}

BOOST_AUTO_TEST_CASE(start_limits_from_the_unit_section_and_lists_accumulate) {
  UnitDefinition unit;
  unit.unitConfig = {{"StartLimitIntervalSec", "30s"}, {"StartLimitBurst", "3"}};
  unit.serviceConfig = {{"SuccessExitStatus", std::vector<std::string>{"1", "2 SIGHUP"}},
                        {"ExecStartPre", "/bin/true"},
                        {"ExecStop", std::vector<std::string>{}}};
  const ServiceProperties p = service_properties_from(unit);
  BOOST_TEST(p.start_limit_interval == 30s);
  BOOST_TEST(p.start_limit_burst == 3U);
  BOOST_TEST(p.success_exit_status.has_status(1));
  BOOST_TEST(p.success_exit_status.has_status(2));
  BOOST_TEST(p.success_exit_status.has_signal(signals::hangup));
  BOOST_TEST(p.commands.start_pre);
  BOOST_TEST(!p.commands.stop);  // an empty list sets nothing
}

BOOST_AUTO_TEST_CASE(bad_values_name_their_directive) {
  const auto path_of_error = [](UnitDefinition unit) -> std::string {
    try {
      (void)service_properties_from(unit);
    } catch (const InputError& error) {
      return error.path();
    }
    return "no error";
  };
  UnitDefinition unit;
  unit.serviceConfig = {{"TimeoutStartSec", "soon"}};
  BOOST_TEST(path_of_error(unit) == "serviceConfig.TimeoutStartSec");
  unit.serviceConfig = {{"Restart", "sometimes"}};
  BOOST_TEST(path_of_error(unit) == "serviceConfig.Restart");
  unit.serviceConfig = {{"Type", "oneshot"}};
  BOOST_TEST(path_of_error(unit) == "serviceConfig.Type");
  unit.serviceConfig = {{"KillSignal", "NOPE"}};
  BOOST_TEST(path_of_error(unit) == "serviceConfig.KillSignal");
  unit.serviceConfig = {};
  unit.unitConfig = {{"StartLimitBurst", "-1"}};
  BOOST_TEST(path_of_error(unit) == "unitConfig.StartLimitBurst");
  unit.unitConfig = {};
  unit.serviceConfig = {{"SendSIGKILL", "perhaps"}};
  BOOST_TEST(path_of_error(unit) == "serviceConfig.SendSIGKILL");
}

BOOST_AUTO_TEST_SUITE_END()
