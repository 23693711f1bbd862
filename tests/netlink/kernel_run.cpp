#include "kernel_run.hpp"

#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/nspawn_effects.hpp"

namespace ctrlab::testing {
namespace {

void require_ok(const oracle::CommandOutcome& outcome, const std::string& what) {
  BOOST_REQUIRE_MESSAGE(outcome.ok(), what << ": " << outcome.message);
}

}  // namespace

KernelRun::KernelRun(const oracle::Prediction& rendering, const oracle::HostNetwork& host)
    : host_space_(runner::NetworkNamespace::create()), host_(host_space_) {
  create_host_network(host);
  for (const auto& [name, container] : rendering.containers) start(name, container, host);
}

void KernelRun::create_host_network(const oracle::HostNetwork& host) {
  require_ok(host_.set_up("lo", true), "lo up on the host");
  for (const auto& interface : host.interfaces) require_ok(host_.create_link(interface.name, interface.kind), "create " + interface.name);
  for (const auto& interface : host.interfaces) {
    if (interface.master) require_ok(host_.set_master(interface.name, *interface.master), "master of " + interface.name);
    if (interface.up) require_ok(host_.set_up(interface.name, true), interface.name + " up");
    for (const auto& address : interface.addresses) require_ok(host_.add_address(interface.name, address), "address of " + interface.name);
  }
}

bool KernelRun::run_script(runner::RouteSocket& socket, const std::optional<std::vector<oracle::Argv>>& commands,
                           oracle::OperationStage stage, bool failures_ignored, std::vector<oracle::OperationRecord>& records) {
  for (const auto& argv : commands.value_or(std::vector<oracle::Argv>{})) {
    if (oracle::parse_ip_command(argv).status == oracle::ParsedCommand::Status::not_ip) continue;
    const auto outcome = socket.run(argv);
    records.push_back({stage, argv, outcome});
    if (!outcome.ok() && !failures_ignored) return false;
  }
  return true;
}

void KernelRun::start(const std::string& name, const oracle::ContainerPrediction& rendering, const oracle::HostNetwork& host) {
  auto& records = operations_[name];
  run_script(host_, rendering.hostOps.preStart, oracle::OperationStage::pre_start, true, records);
  const auto plan = oracle::plan_nspawn_network(rendering.nspawnArgv, host.machine_id);
  BOOST_REQUIRE_MESSAGE(!plan.refusal && plan.private_network, "the kernel run plays private-network containers only");
  Container container;
  container.space = std::make_unique<runner::NetworkNamespace>(runner::NetworkNamespace::create());
  container.socket = std::make_unique<runner::RouteSocket>(*container.space);
  // What nspawn does before the init runs: lo up, then its links.
  require_ok(container.socket->set_up("lo", true), "lo up in " + name);
  if (plan.veth) {
    const auto& veth = *plan.veth;
    require_ok(host_.create_veth({veth.host_name.name, veth.host_mac, veth.container_name, veth.container_mac, container.space.get()}),
               "veth of " + name);
    if (veth.host_name.full_name) require_ok(host_.add_altname(veth.host_name.name, *veth.host_name.full_name), "altname");
    if (veth.bridge) require_ok(host_.apply(oracle::LinkSetCommand{veth.host_name.name, std::nullopt, true, *veth.bridge}), "join bridge");
  }
  for (const auto& extra : plan.extra_veths) {
    require_ok(host_.create_veth({extra.host_name, extra.host_mac, extra.container_name, extra.container_mac, container.space.get()}),
               "extra veth " + extra.host_name);
  }
  bool up = run_script(*container.socket, rendering.containerOps, oracle::OperationStage::container_init, false, records);
  if (up) up = run_script(host_, rendering.hostOps.postStart, oracle::OperationStage::post_start, false, records);
  // A failed unit's container is gone: its namespace, and with it the veths, disappear.
  if (up) containers_.emplace(name, std::move(container));
}

oracle::Observation KernelRun::observe() {
  oracle::Observation observation;
  observation.network.emplace();
  observation.network->host = host_.read_state();
  for (auto& [name, container] : containers_) observation.network->containers[name] = container.socket->read_state();
  oracle::resolve_link_references(*observation.network);
  for (const auto& [name, records] : operations_) observation.containers[name].operations = records;
  return observation;
}

}  // namespace ctrlab::testing
