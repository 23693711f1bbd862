#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/judge.hpp"
#include "ground_truth.hpp"
#include "printing.hpp"

using namespace ctrlab::oracle;
using Lines = std::vector<std::string>;

namespace {

// A run of NixOS's containers-ip spec (revision 2022), predicted, and an observation that
// saw exactly that; each test then changes one thing in the observation.
struct Run {
  Expectation expected;
  Observation observed;
};

const std::string ip_veth_case = "03-ip-veth-v4-v6.2022.json";

Run ip_veth_run() {
  const auto rendering = ctrlab::testing::ground_truth_rendering(ip_veth_case);
  HostNetwork host;
  host.machine_id = MachineId::parse("3d1219c7c4c5404aaa1f6d2a48adfda4");
  Run run{expect(rendering, host), {}};
  run.observed.network = run.expected.effects.running;
  ContainerObservation container;
  container.nspawn_argv = rendering.containers.at("webserver4").nspawnArgv;
  container.operations.emplace();
  for (const auto& operation : run.expected.effects.containers.at("webserver4").operations) {
    container.operations->push_back(operation.record);
  }
  run.observed.containers.emplace("webserver4", container);
  return run;
}

Lines texts(const Verdict& verdict, Aspect aspect) {
  Lines lines;
  for (const auto& difference : verdict.aspect(aspect).differences) lines.push_back(difference.text());
  return lines;
}

LinkState& observed_link(Run& run, const std::string& name) {
  auto& links = run.observed.network->host.links;
  return *std::find_if(links.begin(), links.end(), [&](const LinkState& link) { return link.name == name; });
}

NamespaceState& observed_container(Run& run) { return run.observed.network->containers.at("webserver4"); }

ContainerObservation& observed_unit(Run& run) { return run.observed.containers.at("webserver4"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(judge_verdicts)

BOOST_AUTO_TEST_CASE(an_observation_equal_to_the_prediction_passes_every_observed_aspect,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  const auto verdict = judge(run.expected, run.observed);
  BOOST_TEST(verdict.passed());
  for (const auto aspect : {Aspect::argv, Aspect::operations, Aspect::links, Aspect::addresses, Aspect::routes}) {
    BOOST_TEST_CONTEXT(to_string(aspect)) { BOOST_TEST((verdict.aspect(aspect).status == AspectStatus::passed)); }
  }
  BOOST_TEST((verdict.aspect(Aspect::reachability).status == AspectStatus::not_observed));
  BOOST_TEST((verdict.aspect(Aspect::unit_history).status == AspectStatus::not_observed));
  BOOST_TEST(verdict.aspect(Aspect::routes).summary == "as predicted in 2 namespaces");
}

BOOST_AUTO_TEST_CASE(kernel_chosen_values_ifindexes_and_order_are_never_differences,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  // What a real kernel adds: ifindexes, and its own MAC for what nobody set.
  for (auto& link : run.observed.network->host.links) link.ifindex = 7;
  std::reverse(observed_container(run).routes.begin(), observed_container(run).routes.end());
  std::reverse(observed_container(run).addresses.begin(), observed_container(run).addresses.end());
  run.expected.effects.running.host.links.front().mac.reset();  // lo's MAC: pretend unpredicted
  observed_link(run, "lo").mac = MacAddress::parse("02:00:00:00:00:01");
  BOOST_TEST(judge(run.expected, run.observed).passed());
}

BOOST_AUTO_TEST_CASE(a_missing_link_is_named_with_what_was_predicted,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& links = run.observed.network->host.links;
  std::erase_if(links, [](const LinkState& link) { return link.name == "ve-webserver4"; });
  const auto verdict = judge(run.expected, run.observed);
  BOOST_TEST(texts(verdict, Aspect::links) ==
             (Lines{"missing    host links[ve-webserver4]: predicted ve-webserver4: veth, peer eth0 in container "
                    "webserver4, up, carrier, mac 46:0d:53:e6:54:c9, not observed"}));
  BOOST_TEST((verdict.aspect(Aspect::links).status == AspectStatus::failed));
  BOOST_TEST(!verdict.passed());
}

BOOST_AUTO_TEST_CASE(an_unexpected_link_is_named_with_what_was_seen,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  LinkState stale;
  stale.name = "ve-old";
  stale.kind = LinkKind::veth;
  run.observed.network->host.links.push_back(stale);
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::links) ==
             (Lines{"unexpected host links[ve-old]: observed ve-old: veth, down, not predicted"}));
}

BOOST_AUTO_TEST_CASE(a_changed_link_names_the_field, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  observed_link(run, "ve-webserver4").up = false;
  observed_link(run, "ve-webserver4").lower_up = false;
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::links) ==
             (Lines{"changed    host links[ve-webserver4].up: predicted yes, observed no",
                    "changed    host links[ve-webserver4].carrier: predicted yes, observed no"}));
}

BOOST_AUTO_TEST_CASE(a_changed_mac_is_a_difference_when_it_was_predicted,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  observed_link(run, "ve-webserver4").mac = MacAddress::parse("02:00:00:00:00:02");
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::links) ==
             (Lines{"changed    host links[ve-webserver4].mac: predicted 46:0d:53:e6:54:c9, observed 02:00:00:00:00:02"}));
}

BOOST_AUTO_TEST_CASE(missing_and_unexpected_addresses, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& addresses = observed_container(run).addresses;
  std::erase_if(addresses, [](const AddressState& address) { return address.local.to_string() == "fc00::2/128"; });
  addresses.push_back({"eth0", *IpPrefix::parse("10.9.9.9/24"), AddressScope::global, false});
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::addresses) ==
             (Lines{"missing    container webserver4 addresses[fc00::2/128 on eth0]: predicted fc00::2/128 on eth0 scope "
                    "global, not observed",
                    "unexpected container webserver4 addresses[10.9.9.9/24 on eth0]: observed 10.9.9.9/24 on eth0 scope "
                    "global, not predicted"}));
}

BOOST_AUTO_TEST_CASE(a_changed_route_names_the_attribute, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  for (auto& route : observed_container(run).routes) {
    if (route.destination.length == 0 && route.destination.address.family == AddressFamily::ipv6) route.metric = 100;
  }
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::routes) ==
             (Lines{"changed    container webserver4 routes[default via fc00::1 dev eth0].metric: predicted 1024, observed 100"}));
}

BOOST_AUTO_TEST_CASE(missing_and_unexpected_routes, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& routes = observed_container(run).routes;
  std::erase_if(routes, [](const RouteState& route) { return route.destination.length == 0 && route.destination.address.family == AddressFamily::ipv4; });
  RouteState extra;
  extra.destination = *IpPrefix::parse("10.231.136.0/24");
  extra.device = "eth0";
  extra.protocol = RouteProtocol::kernel;
  extra.scope = RouteScope::link;
  routes.push_back(extra);
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::routes) ==
             (Lines{"missing    container webserver4 routes[default via 10.231.136.1 dev eth0]: predicted default via "
                    "10.231.136.1 dev eth0 proto boot, not observed",
                    "unexpected container webserver4 routes[10.231.136.0/24 dev eth0]: observed 10.231.136.0/24 dev eth0 "
                    "proto kernel scope link, not predicted"}));
}

BOOST_AUTO_TEST_CASE(a_missing_namespace_is_one_difference, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  run.observed.network->containers.clear();
  const auto verdict = judge(run.expected, run.observed);
  BOOST_TEST(texts(verdict, Aspect::links) ==
             (Lines{"missing    container webserver4 network namespace: predicted 2 links, not observed"}));
  BOOST_TEST(texts(verdict, Aspect::routes).empty());
}

BOOST_AUTO_TEST_CASE(an_operation_outcome_that_differs_shows_both_outcomes,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& operations = *observed_unit(run).operations;
  operations[7].outcome = {2, "Error: Nexthop has invalid gateway."};
  operations.resize(8);  // the init stopped there
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::operations) ==
             (Lines{"changed    container webserver4 operations[7] containerInit `ip route add default via 10.231.136.1`: "
                    "predicted ok, observed exit 2: Error: Nexthop has invalid gateway.",
                    "missing    container webserver4 operations[8] containerInit `ip -6 route add fc00::1 dev eth0`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[9] containerInit `ip -6 route add default via fc00::1`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[10] postStart `ip link set dev ve-webserver4 up`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[11] postStart `ip addr add 10.231.136.1 dev ve-webserver4`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[12] postStart `ip -6 addr add fc00::1 dev ve-webserver4`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[13] postStart `ip route add 10.231.136.2 dev ve-webserver4`: "
                    "predicted ok, not observed",
                    "missing    container webserver4 operations[14] postStart `ip -6 route add fc00::2 dev ve-webserver4`: "
                    "predicted ok, not observed"}));
}

BOOST_AUTO_TEST_CASE(an_unexpected_operation_is_reported_and_other_commands_are_ignored,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& operations = *observed_unit(run).operations;
  operations.insert(operations.begin(), OperationRecord{OperationStage::pre_start, {"machinectl", "terminate", "webserver4"}, {}});
  operations.push_back(OperationRecord{OperationStage::post_start, {"ip", "link", "set", "dev", "ve-webserver4", "down"}, {}});
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::operations) ==
             (Lines{"unexpected container webserver4 operations[15] postStart `ip link set dev ve-webserver4 down`: "
                    "observed ok, not predicted"}));
}

BOOST_AUTO_TEST_CASE(argv_differences_are_aligned_argument_by_argument,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& argv = *observed_unit(run).nspawn_argv;
  argv.erase(argv.begin() + 1);                         // --keep-unit
  argv.insert(argv.begin() + 5, "--register=no");       // after -D DIR
  argv[6] = "--private-network=yes";                    // was --private-network
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::argv) ==
             (Lines{"missing    container webserver4 argv[1]: predicted --keep-unit, not observed",
                    "unexpected container webserver4 argv[5]: observed --register=no, not predicted",
                    "changed    container webserver4 argv[6]: predicted --private-network, observed --private-network=yes"}));
}

BOOST_AUTO_TEST_CASE(sandbox_adaptations_explain_differences_without_failing,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  auto& argv = *observed_unit(run).nspawn_argv;
  const std::string predicted_program = argv[0];
  argv[0] = "/usr/bin/systemd-nspawn";
  argv.insert(argv.begin() + 2, "--register=no");
  run.observed.adaptations.push_back({Aspect::argv, "", "argv[0]", predicted_program, "/usr/bin/systemd-nspawn",
                                       "runs the machine's own systemd-nspawn", "the sandbox host has no Nix store"});
  run.observed.adaptations.push_back({Aspect::argv, "", "", "", "--register=no", "adds --register=no",
                                       "the sandbox host runs no systemd-machined"});
  const auto verdict = judge(run.expected, run.observed);
  BOOST_TEST(verdict.passed());
  const auto& argv_verdict = verdict.aspect(Aspect::argv);
  BOOST_TEST(argv_verdict.differences.empty());
  BOOST_TEST(argv_verdict.adapted.size() == 2U);
  BOOST_TEST(argv_verdict.summary == "as predicted in 1 container, 2 adapted differences");
  const std::string text = describe(verdict);
  BOOST_TEST(text.find("  adapted: unexpected container webserver4 argv[2]: observed --register=no, not predicted") !=
             std::string::npos);
  BOOST_TEST(text.find("sandbox adaptations (never failures):\n  argv: runs the machine's own systemd-nspawn (the sandbox "
                       "host has no Nix store)\n  argv: adds --register=no (the sandbox host runs no systemd-machined)\n") !=
             std::string::npos);
  // An adaptation explains only what it names.
  argv.push_back("--quiet");
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::argv) ==
             (Lines{"unexpected container webserver4 argv[" + std::to_string(argv.size() - 1) + "]: observed --quiet, not predicted"}));
}

BOOST_AUTO_TEST_CASE(reachability_that_differs_shows_the_predicted_reason,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  run.observed.reachability.emplace();
  for (const auto& expectation : run.expected.effects.reachability) {
    run.observed.reachability->push_back({expectation.probe, expectation.answers});
  }
  BOOST_TEST(judge(run.expected, run.observed).passed());
  for (auto& result : *run.observed.reachability) {
    if (result.probe.describe() == "from host to 10.231.136.2") result.answered = false;
  }
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::reachability) ==
             (Lines{"changed    reachability[from host to 10.231.136.2]: predicted answers (via ve-webserver4), observed no answer"}));
}

BOOST_AUTO_TEST_CASE(unit_histories_compare_exactly_and_timing_only_as_a_note,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  UnitHistory predicted;
  predicted.unit = "container@webserver4.service";
  predicted.changes = {{0, "inactive", "dead"}, {10, "activating", "start"}, {900000, "active", "running"}};
  predicted.result = "success";
  predicted.active_enter = 900000;
  run.expected.unit_histories.emplace("webserver4", predicted);
  UnitHistory seen = predicted;
  seen.active_enter = 1300000;
  observed_unit(run).unit_history = seen;
  auto verdict = judge(run.expected, run.observed);
  BOOST_TEST((verdict.aspect(Aspect::unit_history).status == AspectStatus::passed));
  BOOST_TEST(verdict.aspect(Aspect::unit_history).notes ==
             (Lines{"container webserver4 ActiveEnterTimestampMonotonic: predicted 900 ms, observed 1300 ms (timing is "
                    "reported, not judged)"}));
  seen.n_restarts = 5;
  seen.result = "start-limit-hit";
  seen.changes.push_back({2000000, "failed", "failed"});
  observed_unit(run).unit_history = seen;
  BOOST_TEST(texts(judge(run.expected, run.observed, {std::chrono::milliseconds(200)}), Aspect::unit_history) ==
             (Lines{"changed    container webserver4 Result: predicted success, observed start-limit-hit",
                    "changed    container webserver4 NRestarts: predicted 0, observed 5",
                    "changed    container webserver4 ActiveState sequence: predicted inactive -> activating -> active, "
                    "observed inactive -> activating -> active -> failed",
                    "changed    container webserver4 ActiveEnterTimestampMonotonic: predicted 900 ms, observed 1300 ms"}));
}

BOOST_AUTO_TEST_CASE(how_the_stop_ended_is_judged_with_the_unit_history, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  UnitHistory history;
  history.unit = "container@webserver4.service";
  history.changes = {{0, "inactive", "dead"}, {900000, "active", "running"}};
  run.expected.unit_histories.emplace("webserver4", history);
  observed_unit(run).unit_history = history;
  const StopOutcome graceful{"inactive", "dead", "success", "exited", 0, std::nullopt};
  run.expected.stop_outcomes.emplace("webserver4", graceful);
  observed_unit(run).stop_outcome = graceful;
  BOOST_TEST(judge(run.expected, run.observed).passed());
  observed_unit(run).stop_outcome = StopOutcome{"failed", "failed", "signal", "killed", 9, std::nullopt};
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::unit_history) ==
             (Lines{"changed    container webserver4 state after the stop: predicted inactive/dead, observed failed/failed",
                    "changed    container webserver4 Result after the stop: predicted success, observed signal",
                    "changed    container webserver4 ExecMainCode after the stop: predicted exited, observed killed",
                    "changed    container webserver4 ExecMainStatus after the stop: predicted 0, observed 9"}));
  // An observation records it, and reads it back.
  const nlohmann::json json = run.observed;
  BOOST_TEST(nlohmann::json(observation_from_json(json)) == json);
}

BOOST_AUTO_TEST_CASE(unit_properties_compare_in_systemds_own_form, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  run.expected.rendering.containers.at("webserver4").unit.serviceConfig = {
      {"Type", std::string("notify")},        {"TimeoutStartSec", std::string("1min")},
      {"KillSignal", std::string("TERM")},    {"RestartForceExitStatus", std::string("133")},
      {"Delegate", true},                     {"SyslogIdentifier", std::string("container %i")}};
  observed_unit(run).unit_properties = std::map<std::string, std::string>{
      {"Type", "notify"},   {"TimeoutStartUSec", "1min"}, {"KillSignal", "15"}, {"RestartForceExitStatus", "133"},
      {"Delegate", "yes"},  {"SyslogIdentifier", "container webserver4"}};
  BOOST_TEST(judge(run.expected, run.observed).passed());
  (*observed_unit(run).unit_properties)["TimeoutStartUSec"] = "1min 30s";
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::unit_properties) ==
             (Lines{"changed    container webserver4 TimeoutStartUSec (TimeoutStartSec): predicted 1min, observed 1min 30s"}));
}

BOOST_AUTO_TEST_CASE(verdicts_round_trip_through_json, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  observed_link(run, "ve-webserver4").up = false;
  run.observed.adaptations.push_back({Aspect::argv, "", "", std::nullopt, "--register=no", "adds --register=no", "no machined"});
  const auto verdict = judge(run.expected, run.observed);
  const nlohmann::json json = verdict;
  BOOST_TEST(json.at("passed").get<bool>() == false);
  const auto back = verdict_from_json(json);
  BOOST_TEST(back.aspects.size() == verdict.aspects.size());
  BOOST_TEST(back.aspect(Aspect::links).differences == verdict.aspect(Aspect::links).differences);
  BOOST_TEST(describe(back) == describe(verdict));
}

BOOST_AUTO_TEST_CASE(observations_round_trip_through_json, *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  run.observed.host_after_stop = run.expected.effects.host_after_stop;
  const nlohmann::json json = run.observed;
  const auto back = observation_from_json(json);
  BOOST_TEST(nlohmann::json(back) == json);
  BOOST_TEST(judge(run.expected, back).passed());
}

BOOST_AUTO_TEST_CASE(bad_records_name_the_json_path_and_the_expected_form) {
  const auto error_of = [](const char* text) -> std::string {
    try {
      static_cast<void>(observation_from_json(nlohmann::json::parse(text)));
    } catch (const InputError& error) {
      return error.what();
    }
    return "no error";
  };
  BOOST_TEST(error_of(R"({"network": {"host": {"links": [{"name": 3}]}}})") ==
             "network.host.links[0].name: got a number (3) (expected a string)");
  BOOST_TEST(error_of(R"({"network": {"host": {"routes": [{"destination": "10.0.0.0/33", "device": "eth0"}]}}})") ==
             "network.host.routes[0].destination: got a string (\"10.0.0.0/33\") (expected an address with a prefix length, e.g. 10.0.0.2/24)");
  BOOST_TEST(error_of(R"({"containers": {"web": {"operations": [{"stage": "start", "argv": ["ip"]}]}}})") ==
             "containers.web.operations[0].stage: got \"start\" (expected preStart, containerInit or postStart)");
  BOOST_TEST(error_of(R"({"reachability": [{"from": "the moon", "to": "10.0.0.1"}]})") ==
             "reachability[0].from: got \"the moon\" (expected \"host\" or \"container NAME\")");
}

BOOST_AUTO_TEST_CASE(the_platform_aspect_holds_what_the_init_saw_against_nspawns_personality,
                     *ctrlab::testing::ground_truth_case(ip_veth_case)) {
  auto run = ip_veth_run();
  BOOST_TEST((judge(run.expected, run.observed).aspect(Aspect::platform).status == AspectStatus::not_observed));
  observed_unit(run).machine = "x86_64";
  const auto same = judge(run.expected, run.observed);
  BOOST_TEST((same.aspect(Aspect::platform).status == AspectStatus::passed));
  BOOST_TEST(same.aspect(Aspect::platform).summary == "as predicted in 1 container");
  observed_unit(run).machine = "i686";
  BOOST_TEST(texts(judge(run.expected, run.observed), Aspect::platform) ==
             Lines{"changed    container webserver4 uname -m: predicted x86_64, observed i686"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
