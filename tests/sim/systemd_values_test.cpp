// Reading the unit properties the NixOS module sets into the simulator's typed properties
// (the systemd values themselves are read by the oracle's vocabulary: tests/oracle).
#include <boost/test/unit_test.hpp>

#include <string>

#include "ctrlab/sim/input_error.hpp"
#include "ctrlab/sim/service_properties.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;
using ctrlab::oracle::UnitDefinition;

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

// systemd skips a word of an exit-status list it cannot read; the simulator refuses it, so that
// a typo in a restart rule does not pass silently.
BOOST_AUTO_TEST_CASE(an_exit_status_list_with_an_unknown_word_names_the_directive_and_the_word) {
  UnitDefinition unit;
  unit.serviceConfig = {{"SuccessExitStatus", "133 banana"}};
  try {
    (void)service_properties_from(unit);
    BOOST_FAIL("expected an InputError");
  } catch (const InputError& error) {
    BOOST_TEST(error.path() == "serviceConfig.SuccessExitStatus");
    BOOST_TEST(std::string(error.what()) ==
               "serviceConfig.SuccessExitStatus: 'banana' is not an exit status (0-255 or a name such as TEMPFAIL) or a signal name");
  }
  unit.serviceConfig = {{"RestartForceExitStatus", "256"}};
  BOOST_CHECK_THROW((void)service_properties_from(unit), InputError);
}

BOOST_AUTO_TEST_CASE(exit_status_lists_take_names_and_signals) {
  UnitDefinition unit;
  unit.serviceConfig = {{"RestartPreventExitStatus", "TEMPFAIL SIGUSR1 7"}};
  const ServiceProperties p = service_properties_from(unit);
  BOOST_TEST(p.restart_prevent_exit_status.has_status(75));
  BOOST_TEST(p.restart_prevent_exit_status.has_status(7));
  BOOST_TEST(p.restart_prevent_exit_status.has_signal(signals::user1));
}

BOOST_AUTO_TEST_SUITE_END()
