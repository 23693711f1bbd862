// The probe's listeners in its plan: what the runner asks the container's init to serve for
// the reachability probes (and that it turns duplicate address detection off), and how a
// malformed entry is reported.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "ctrlab/oracle.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/probe_protocol.hpp"

namespace ctrlab::runner {
namespace {

std::string error_of(const nlohmann::json& plan) {
  try {
    (void)probe::plan_from_json(plan);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

nlohmann::json plan_with_listeners(nlohmann::json listeners) {
  probe::Plan plan;
  plan.container = "web";
  nlohmann::json json = plan;
  json["listeners"] = std::move(listeners);
  return json;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_listeners)

BOOST_AUTO_TEST_CASE(the_plan_carries_the_listeners_to_the_probe) {
  probe::Plan plan;
  plan.container = "web";
  plan.listeners = {{"tcp", 7}, {"tcp", 80}, {"udp", 53}};
  plan.duplicate_address_detection = false;
  const auto read_back = probe::plan_from_json(nlohmann::json(plan));
  BOOST_TEST((read_back.listeners == plan.listeners));
  BOOST_TEST(!read_back.duplicate_address_detection);
}

BOOST_AUTO_TEST_CASE(the_installation_writes_each_containers_listeners_into_its_plan) {
  const auto prediction = oracle::predict(oracle::parse_scenario_file(R"({"containers": {"web": {
      "privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
      "path": "/nix/var/nix/profiles/per-container/web"}}})"),
                                          oracle::Revision::r2022);
  InstallationInputs inputs;
  inputs.prediction = &prediction;
  inputs.probe_inside = "/run/ctrlab/bin/ctrlab-probe";
  inputs.commands_tool_inside = "/run/ctrlab/bin/ctrlab-commands";
  inputs.listeners["web"] = {{"tcp", 7}, {"udp", 53}};
  const auto installation = plan_installation(inputs);
  const auto plan_file = std::find_if(installation.files.begin(), installation.files.end(), [](const FileToWrite& file) {
    return file.path.filename() == probe::plan_file;
  });
  BOOST_REQUIRE(plan_file != installation.files.end());
  const auto plan = probe::plan_from_json(nlohmann::json::parse(plan_file->text));
  BOOST_TEST((plan.listeners == inputs.listeners.at("web")));
  // Its addresses answer at once: the probe turns IPv6 duplicate address detection off first.
  BOOST_TEST(!plan.duplicate_address_detection);
}

BOOST_AUTO_TEST_CASE(a_malformed_listener_is_named_by_its_path) {
  BOOST_TEST(error_of(plan_with_listeners({{{"protocol", "sctp"}, {"port", 9}}})) ==
             "probe file: at plan.listeners[0].protocol: expected tcp or udp");
  BOOST_TEST(error_of(plan_with_listeners({{{"protocol", "tcp"}, {"port", 70000}}})) ==
             "probe file: at plan.listeners[0].port: expected a port number");
  BOOST_TEST(error_of(plan_with_listeners("none")) == "probe file: at plan.listeners: expected an array");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
