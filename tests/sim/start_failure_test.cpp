// Starts that fail because of what the configuration makes nspawn, the container's init or
// ExecStartPost= run, as the oracle's network effects predict it: the unit fails every start
// and restarts until its start limit.
#include <boost/test/unit_test.hpp>

#include "timeline_support.hpp"

using namespace sim_test;
using namespace std::chrono_literals;
using ctrlab::oracle::OperationStage;

namespace {

ctrlab::oracle::PredictedOperation operation(OperationStage stage, int exit_status, bool ignored = false) {
  ctrlab::oracle::PredictedOperation op;
  op.record.stage = stage;
  op.record.argv = {"ip", "route", "add", "default", "via", "10.0.0.1"};
  op.record.outcome.exit_status = exit_status;
  op.failure_ignored = ignored;
  return op;
}

ctrlab::oracle::ContainerPrediction rendering_with_init() {
  ctrlab::oracle::ContainerPrediction container;
  container.containerOps = std::vector<ctrlab::oracle::Argv>{{"stage-2-init"}};
  return container;
}

TimelineRequest failing(StartFailures failures) {
  auto unit = unit_2022();
  unit.failures = failures;
  return request(unit, probe({boot(BootAction::stay_up)}), 60s);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(start_failures)

BOOST_AUTO_TEST_CASE(the_first_failing_command_decides) {
  ctrlab::oracle::ContainerEffects effects;
  effects.operations = {operation(OperationStage::pre_start, 1, true), operation(OperationStage::container_init, 0),
                        operation(OperationStage::container_init, 2), operation(OperationStage::post_start, 3)};
  const auto failures = start_failures_from(effects, rendering_with_init());
  BOOST_TEST(!failures.nspawn_exit);
  BOOST_TEST(failures.init_exit.value() == 2);   // preStart's `|| true` does not count
  BOOST_TEST(!failures.start_post_exit);         // never reached

  effects.operations = {operation(OperationStage::container_init, 0), operation(OperationStage::post_start, 3)};
  BOOST_TEST(start_failures_from(effects, rendering_with_init()).start_post_exit.value() == 3);

  effects.refusal = "Invalid bind mount option";
  BOOST_TEST(start_failures_from(effects, rendering_with_init()).nspawn_exit.value() == 1);
}

BOOST_AUTO_TEST_CASE(a_fatal_nspawn_step_or_a_command_that_is_no_init_fails_the_start) {
  ctrlab::oracle::ContainerEffects effects;
  effects.nspawn_steps = {{"create veth", {2, "File exists"}, true}};
  BOOST_TEST(start_failures_from(effects, rendering_with_init()).nspawn_exit.value() == 1);
  effects.nspawn_steps = {{"set altname", {2, "No such device"}, false}};  // nspawn warns and goes on
  BOOST_TEST(!start_failures_from(effects, rendering_with_init()).nspawn_exit);
  BOOST_TEST(!start_failures_from(effects, rendering_with_init()).command_fails_to_exec);
  effects.command = ctrlab::oracle::ContainerCommand::other_program;
  BOOST_TEST(start_failures_from(effects, ctrlab::oracle::ContainerPrediction{}).command_fails_to_exec);
  // The container system's own init (2014) has no commands before stage 2, and does not fail.
  effects.command = ctrlab::oracle::ContainerCommand::system_init;
  BOOST_TEST((start_failures_from(effects, ctrlab::oracle::ContainerPrediction{}) == StartFailures{}));
}

BOOST_AUTO_TEST_CASE(an_init_that_stops_before_ready_fails_with_its_status_until_the_start_limit) {
  StartFailures failures;
  failures.init_exit = 2;  // `ip route add default via ...`: Nexthop has invalid gateway
  const auto history = predict_timeline(failing(failures)).history;
  // Never active: each start goes activating -> failed -> activating (auto-restart) ->
  // inactive (the restart job), until the refused sixth start leaves it failed.
  const auto states = exact_outcome(history).active_states;
  BOOST_TEST(std::count(states.begin(), states.end(), "active") == 0);
  BOOST_TEST(std::count(states.begin(), states.end(), "failed") == 6);
  BOOST_TEST(states.back() == "failed");
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_status == 2);
  BOOST_TEST(history.n_restarts == 5U);
}

BOOST_AUTO_TEST_CASE(a_prestart_bash_cannot_read_fails_each_start_before_nspawn) {
  // The rendering says where bash stops; the first script systemd runs decides.
  ctrlab::oracle::ContainerPrediction container = rendering_with_init();
  container.syntaxErrors = {{ctrlab::oracle::UnitScript::post_start, "containers.web.extraVeths.v", "syntax error"},
                            {ctrlab::oracle::UnitScript::pre_start, "containers.web.extraVeths.v", "syntax error"}};
  const auto failures = start_failures_from(ctrlab::oracle::ContainerEffects{}, container);
  BOOST_TEST(failures.start_pre_exit.value() == 2);
  BOOST_TEST(!failures.start_post_exit);
  const auto history = predict_timeline(failing(failures)).history;
  // ExecStartPre= exits 2 every time: the main process never ran, the unit restarts to its limit.
  for (const auto& change : history.changes) BOOST_TEST(change.sub_state != "start");
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.exec_main_code.empty());
  BOOST_TEST(history.n_restarts == 5U);
}

BOOST_AUTO_TEST_CASE(a_start_script_that_stops_before_its_exec_fails_like_its_main_process) {
  ctrlab::oracle::ContainerPrediction container;
  container.syntaxErrors = {{ctrlab::oracle::UnitScript::start, "containers.web.tmpfs", "syntax error"}};
  const auto failures = start_failures_from(ctrlab::oracle::ContainerEffects{}, container);
  BOOST_TEST(failures.start_script_exit.value() == 2);
  const auto history = predict_timeline(failing(failures)).history;
  BOOST_TEST(history.exec_main_status == 2);
  BOOST_TEST(history.changes.back().active_state == "failed");
}

BOOST_AUTO_TEST_CASE(nspawn_failing_its_setup_exits_1) {
  StartFailures failures;
  failures.nspawn_exit = 1;
  const auto history = predict_timeline(failing(failures)).history;
  BOOST_TEST(history.exec_main_status == 1);
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.changes.back().active_state == "failed");
}

BOOST_AUTO_TEST_CASE(a_failing_exec_start_post_stops_the_container_and_restarts) {
  // ExecStartPost= exits 2: Result=exit-code, systemd stops nspawn (which halts the probe),
  // and Restart=on-failure starts it again, until the start limit.
  StartFailures failures;
  failures.start_post_exit = 2;
  const auto history = predict_timeline(failing(failures)).history;
  BOOST_TEST(history.result == "exit-code");
  BOOST_TEST(history.n_restarts == 5U);
  BOOST_TEST(history.exec_main_status == 0);  // the main process itself exited cleanly
  const auto outcome = exact_outcome(history);
  BOOST_TEST(outcome.active_states.back() == "failed");
  BOOST_TEST(std::count(outcome.active_states.begin(), outcome.active_states.end(), "deactivating") == 5);
  BOOST_TEST(std::count(outcome.active_states.begin(), outcome.active_states.end(), "active") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
