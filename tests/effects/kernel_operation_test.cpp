#include <boost/test/unit_test.hpp>

#include "printing.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"

using namespace ctrlab::oracle;

namespace {

template <class Command>
Command modelled_as(const Argv& argv) {
  const auto parsed = parse_ip_command(argv);
  BOOST_REQUIRE(parsed.status == ParsedCommand::Status::modelled);
  const auto* command = std::get_if<Command>(&*parsed.command);
  BOOST_REQUIRE(command != nullptr);
  return *command;
}

CommandOutcome refusal_of(const Argv& argv) {
  const auto parsed = parse_ip_command(argv);
  BOOST_REQUIRE(parsed.status == ParsedCommand::Status::refused);
  return parsed.refusal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ip_commands)

BOOST_AUTO_TEST_CASE(reads_the_link_commands_of_the_module) {
  const auto rename = modelled_as<LinkSetCommand>({"ip", "link", "set", "host0", "name", "eth0"});
  BOOST_TEST(rename.device == "host0");
  BOOST_TEST(rename.new_name.value_or("") == "eth0");
  BOOST_TEST(!rename.up.has_value());

  const auto join = modelled_as<LinkSetCommand>({"ip", "link", "set", "dev", "veth1", "master", "br1", "up"});
  BOOST_TEST(join.device == "veth1");
  BOOST_TEST(join.master.value_or("") == "br1");
  BOOST_TEST(join.up.value_or(false));

  const auto remove = modelled_as<LinkDeleteCommand>({"ip", "link", "del", "dev", "ve-web"});
  BOOST_TEST(remove.device == "ve-web");
}

BOOST_AUTO_TEST_CASE(an_address_without_a_length_is_a_host_address) {
  const auto v4 = modelled_as<AddressAddCommand>({"ip", "addr", "add", "10.231.136.1", "dev", "ve-web"});
  BOOST_TEST(v4.local.to_string() == "10.231.136.1/32");
  BOOST_TEST(v4.device == "ve-web");
  const auto v6 = modelled_as<AddressAddCommand>({"ip", "-6", "addr", "add", "fc00::2/7", "dev", "eth0"});
  BOOST_TEST(v6.local.to_string() == "fc00::2/7");
  // Without -6, iproute2 takes the family from the address (the 2018 module relies on it).
  BOOST_TEST(modelled_as<AddressAddCommand>({"ip", "addr", "add", "fc00::1", "dev", "eth0"}).local.to_string() == "fc00::1/128");
}

BOOST_AUTO_TEST_CASE(reads_routes_by_prefix_and_default_routes_by_gateway) {
  const auto host_route = modelled_as<RouteAddCommand>({"ip", "route", "add", "10.231.136.2", "dev", "ve-web"});
  BOOST_TEST(host_route.destination.to_string() == "10.231.136.2/32");
  BOOST_TEST(host_route.device.value_or("") == "ve-web");
  BOOST_TEST(!host_route.gateway.has_value());

  const auto v4_default = modelled_as<RouteAddCommand>({"ip", "route", "add", "default", "via", "10.231.136.1"});
  BOOST_TEST(v4_default.destination.to_string() == "0.0.0.0/0");
  BOOST_TEST(v4_default.gateway->to_string() == "10.231.136.1");

  const auto v6_default = modelled_as<RouteAddCommand>({"ip", "-6", "route", "add", "default", "via", "fc00::1"});
  BOOST_TEST(v6_default.destination.to_string() == "::/0");
  // "default" takes the family of its gateway when no -6 is given.
  BOOST_TEST(modelled_as<RouteAddCommand>({"ip", "route", "add", "default", "via", "fc00::1"}).destination.to_string() == "::/0");
}

BOOST_AUTO_TEST_CASE(accepts_the_abbreviations_iproute2_accepts) {
  BOOST_TEST(modelled_as<AddressAddCommand>({"ip", "a", "add", "10.0.0.1/24", "dev", "eth0"}).device == "eth0");
  BOOST_TEST(modelled_as<RouteAddCommand>({"ip", "r", "a", "10.0.0.0/24", "dev", "eth0"}).destination.to_string() == "10.0.0.0/24");
  BOOST_TEST(modelled_as<LinkDeleteCommand>({"ip", "l", "delete", "veth1"}).device == "veth1");
  BOOST_TEST(modelled_as<LinkSetCommand>({"/nix/store/x-iproute2/bin/ip", "link", "set", "eth0", "up"}).up.value_or(false));
}

BOOST_AUTO_TEST_CASE(refuses_what_iproute2_refuses_with_its_words) {
  BOOST_TEST(refusal_of({"ip", "-6", "addr", "add", "10.0.0.1", "dev", "eth0"}) ==
             (CommandOutcome{1, "Error: inet6 prefix is expected rather than \"10.0.0.1\"."}));
  BOOST_TEST(refusal_of({"ip", "addr", "add", "foo", "dev", "eth0"}) ==
             (CommandOutcome{1, "Error: any valid prefix is expected rather than \"foo\"."}));
  BOOST_TEST(refusal_of({"ip", "-6", "route", "add", "default", "via", "10.0.0.1"}) ==
             (CommandOutcome{1, "Error: inet6 address is expected rather than \"10.0.0.1\"."}));
  BOOST_TEST(refusal_of({"ip", "link", "set", "eth0", "name", "ctrlab-far-too-long"}) ==
             (CommandOutcome{255, "Error: argument \"ctrlab-far-too-long\" is wrong: \"name\" not a valid ifname"}));
  BOOST_TEST(refusal_of({"ip", "addr", "add", "10.0.0.1/24"}) ==
             (CommandOutcome{1, "Not enough information: \"dev\" argument is required."}));
  BOOST_TEST(refusal_of({"ip", "route", "add", "default", "via"}) ==
             (CommandOutcome{255, "Command line is not complete. Try option \"help\""}));
}

BOOST_AUTO_TEST_CASE(knows_what_it_does_not_model) {
  BOOST_TEST((parse_ip_command({"ip", "link", "set", "eth0", "mtu", "1400"}).status == ParsedCommand::Status::unmodelled));
  BOOST_TEST((parse_ip_command({"ip", "neigh", "add", "10.0.0.1"}).status == ParsedCommand::Status::unmodelled));
  BOOST_TEST((parse_ip_command({"ip", "-d", "link", "show"}).status == ParsedCommand::Status::unmodelled));
  BOOST_TEST((parse_ip_command({"machinectl", "terminate", "web"}).status == ParsedCommand::Status::not_ip));
  BOOST_TEST((parse_ip_command({"stage-2-init"}).status == ParsedCommand::Status::not_ip));
}

BOOST_AUTO_TEST_CASE(kernel_refusals_read_like_iproute2) {
  BOOST_TEST(kernel_refusal(22, "Nexthop has invalid gateway") == (CommandOutcome{2, "Error: Nexthop has invalid gateway."}));
  BOOST_TEST(kernel_refusal(17) == (CommandOutcome{2, "RTNETLINK answers: File exists"}));
  BOOST_TEST(cannot_find_device("ve-web") == (CommandOutcome{1, "Cannot find device \"ve-web\""}));
}

BOOST_AUTO_TEST_SUITE_END()
