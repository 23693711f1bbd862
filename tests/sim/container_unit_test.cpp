// The unit the simulator runs is the one the oracle renders: its serviceConfig, its nspawn argv
// and its scripts, with no table of the sim's own per revision.
#include <boost/test/unit_test.hpp>

#include "ctrlab/sim/container_unit.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;
using ctrlab::oracle::Revision;

BOOST_AUTO_TEST_SUITE(rendered_container_units)

BOOST_AUTO_TEST_CASE(the_2014_preStop_looks_for_a_pid_in_cgroup_v1_and_signals_nothing) {
  const ContainerUnit unit = reference_container_unit(Revision::r2014);
  BOOST_TEST(unit.unit_name == "container-autostart.service");
  BOOST_TEST(unit.service.commands.stop);  // preStop runs
  BOOST_TEST(!unit.exec_stop_signal.has_value());
  BOOST_TEST(unit.service.commands.start_pre);
  BOOST_TEST(!unit.service.commands.start_post);  // the 2014 module has no postStart
  BOOST_TEST(!unit.service.waits_for_ready());
  BOOST_TEST(!unit.nspawn.keep_unit);
}

BOOST_AUTO_TEST_CASE(the_2018_preStop_powers_the_leader_off_and_nspawn_ignores_the_kill_signal) {
  const ContainerUnit unit = reference_container_unit(Revision::r2018);
  BOOST_TEST(unit.unit_name == "container@autostart.service");
  BOOST_TEST(unit.service.commands.stop);
  BOOST_TEST((unit.exec_stop_signal == signals::rtmin_plus_4));
  BOOST_TEST((unit.service.kill_signal == signals::window_change));
  BOOST_TEST(!unit.nspawn.kill_signal.has_value());
  BOOST_TEST(unit.service.timeout_start == 90s);  // systemd's default: the module sets none
  BOOST_TEST(unit.service.commands.start_pre);
  BOOST_TEST(unit.service.commands.start_post);
}

BOOST_AUTO_TEST_CASE(from_2021_nspawns_kill_signal_does_the_work) {
  for (const auto revision : {Revision::r2021, Revision::r2022}) {
    BOOST_TEST_CONTEXT(ctrlab::oracle::to_string(revision)) {
      const ContainerUnit unit = reference_container_unit(revision);
      BOOST_TEST(!unit.service.commands.stop);  // no preStop
      BOOST_TEST(!unit.exec_stop_signal.has_value());
      BOOST_TEST((unit.service.kill_signal == signals::terminate));
      BOOST_TEST((unit.nspawn.kill_signal == signals::rtmin_plus_3));
      BOOST_TEST(unit.nspawn.keep_unit);
      BOOST_TEST(unit.nspawn.notify_ready);
      BOOST_TEST(unit.service.waits_for_ready());
      BOOST_TEST(unit.service.timeout_start == 60s);  // the module's default timeoutStartSec
      BOOST_TEST(unit.service.restart_force_exit_status.has_status(133));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
