// Every way a scenario file can be invalid, and the message that says so: the JSON path,
// the expected form and the problem. parse_scenario never throws anything else for input.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ctrlab/oracle/parse.hpp"
#include "refusal.hpp"

using namespace ctrlab::oracle;

namespace {

// A scenario with one container `web` whose options are `options` (a JSON object body).
std::string with_web(const std::string& options) {
  return R"({ "containers": { "web": { "path": "/nix/var/nix/profiles/per-container/web", )" + options + " } } }";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(malformed_json_names_line_and_column) {
  const auto r = refusal_of("{\n  \"containers\": {\n    \"web\": { \"path\": \"/p\", }\n  }\n}");
  BOOST_TEST(r.path == "");
  BOOST_TEST(r.expected == "a JSON document");
  BOOST_TEST(r.problem == "malformed JSON at line 3, column 28: syntax error while parsing object key - unexpected '}'; "
                          "expected string literal");
  BOOST_TEST(r.what.starts_with("malformed JSON at line 3"));  // the document as a whole: no path
}

BOOST_AUTO_TEST_CASE(the_document_must_be_an_object_with_containers) {
  auto r = refusal_of("[1]");
  BOOST_TEST(r.expected == "a JSON object with \"containers\"");
  BOOST_TEST(r.problem == "got an array");
  r = refusal_of(R"({ "host": {} })");
  BOOST_TEST(r.problem == "there is no \"containers\" object");
}

BOOST_AUTO_TEST_CASE(a_duplicate_key_is_not_silently_dropped) {
  const auto r = refusal_of(R"({ "containers": { "web": { "path": "/a" }, "web": { "path": "/b" } } })");
  BOOST_TEST(r.path == "containers.web");
  BOOST_TEST(r.expected == "each key at most once per object");
  BOOST_TEST(r.problem == "duplicate key \"web\"");
}

BOOST_AUTO_TEST_CASE(unknown_top_level_keys_suggest_the_nearest) {
  const auto r = refusal_of(R"({ "containers": {}, "revison": ["2018"] })");
  BOOST_TEST(r.path == "revison");
  BOOST_TEST(r.expected == "top-level keys: description, revisions, host, containers, probe, profiles");
  BOOST_TEST(r.problem == "unknown key \"revison\"; did you mean \"revisions\"?");
  BOOST_TEST(r.what == "revison: unknown key \"revison\"; did you mean \"revisions\"? (expected top-level keys: "
                       "description, revisions, host, containers, probe, profiles)");
}

BOOST_AUTO_TEST_CASE(unknown_container_options_suggest_the_nearest_module_option) {
  auto r = refusal_of(with_web(R"("privateNetwrok": true)"));
  BOOST_TEST(r.path == "containers.web.privateNetwrok");
  BOOST_TEST(r.problem == "unknown key \"privateNetwrok\"; did you mean \"privateNetwork\"?");
  BOOST_TEST(r.expected.starts_with("container options: additionalCapabilities, allowedDevices, autoStart,"));
  r = refusal_of(with_web(R"("colour": "blue")"));
  BOOST_TEST(r.problem == "unknown key \"colour\"");
}

BOOST_AUTO_TEST_CASE(unknown_sub_options_are_refused_where_they_are) {
  auto r = refusal_of(with_web(R"("extraVeths": { "v1": { "hostAdress": "10.0.0.1" } })"));
  BOOST_TEST(r.path == "containers.web.extraVeths.v1.hostAdress");
  BOOST_TEST(r.problem == "unknown key \"hostAdress\"; did you mean \"hostAddress\"?");
  BOOST_TEST(r.expected ==
             "extraVeths keys: hostBridge, forwardPorts, hostAddress, hostAddress6, localAddress, localAddress6, localMacAddress");
  r = refusal_of(with_web(R"("forwardPorts": [ { "hostPort": 80, "contanerPort": 8080 } ])"));
  BOOST_TEST(r.path == "containers.web.forwardPorts[0].contanerPort");
  BOOST_TEST(r.problem == "unknown key \"contanerPort\"; did you mean \"containerPort\"?");
  r = refusal_of(with_web(R"("bindMounts": { "/srv": { "readOnly": true } })"));
  BOOST_TEST(r.path == R"(containers.web.bindMounts["/srv"].readOnly)");
  BOOST_TEST(r.expected == "bindMounts keys: mountPoint, hostPath, isReadOnly");
  r = refusal_of(with_web(R"("allowedDevices": [ { "node": "/dev/fuse", "modifier": "rw", "mode": "x" } ])"));
  BOOST_TEST(r.path == "containers.web.allowedDevices[0].mode");
  BOOST_TEST(r.problem == "unknown key \"mode\"; did you mean \"node\"?");
}

BOOST_AUTO_TEST_CASE(wrong_types_name_the_expected_type) {
  auto r = refusal_of(with_web(R"("privateNetwork": "yes")"));
  BOOST_TEST(r.path == "containers.web.privateNetwork");
  BOOST_TEST(r.expected == "true or false");
  BOOST_TEST(r.problem == "got a string (\"yes\")");
  r = refusal_of(with_web(R"("interfaces": "eth1")"));
  BOOST_TEST(r.path == "containers.web.interfaces");
  BOOST_TEST(r.expected == "a list of strings");
  r = refusal_of(with_web(R"("tmpfs": ["/var", 3])"));
  BOOST_TEST(r.path == "containers.web.tmpfs[1]");
  BOOST_TEST(r.problem == "got a number (3)");
  r = refusal_of(with_web(R"("hostBridge": 7)"));
  BOOST_TEST(r.expected == "a string or null");
  r = refusal_of(with_web(R"("timeoutStartSec": 60)"));
  BOOST_TEST(r.expected == "a systemd time span such as \"1min\" or \"90s\"");
  r = refusal_of(with_web(R"("extraVeths": [])"));
  BOOST_TEST(r.expected == "an object: interface name -> network options");
  r = refusal_of(R"({ "containers": { "web": true } })");
  BOOST_TEST(r.path == "containers.web");
  BOOST_TEST(r.expected == "an object of container options");
  BOOST_TEST(r.problem == "got true");
  r = refusal_of(with_web(R"("forwardPorts": [ { "hostPort": "80" } ])"));
  BOOST_TEST(r.path == "containers.web.forwardPorts[0].hostPort");
  BOOST_TEST(r.expected == "an integer port number");
  BOOST_TEST(r.problem == "got a string (\"80\")");
}

BOOST_AUTO_TEST_CASE(paths_must_be_absolute) {
  auto r = refusal_of(R"({ "containers": { "web": { "path": "profiles/web" } } })");
  BOOST_TEST(r.path == "containers.web.path");
  BOOST_TEST(r.expected == "an absolute path such as \"/nix/var/nix/profiles/per-container/web\"");
  BOOST_TEST(r.problem == "got a string (\"profiles/web\")");
  r = refusal_of(with_web(R"("root": "")"));
  BOOST_TEST(r.expected == "an absolute path such as \"/var/lib/containers/web\"");
}

BOOST_AUTO_TEST_CASE(addresses_must_be_ipv4_or_ipv6_with_a_valid_prefix) {
  const std::string form =
      "null or an IPv4/IPv6 address, optionally with a prefix length (e.g. \"10.231.136.1\", \"fc00::2/7\")";
  for (const char* bad : {"10.0.0.256", "10.0.0.1/33", "fc00::1/129", "fc00:::1", "example.org", "10.0.0.1/", ""}) {
    BOOST_TEST_CONTEXT(bad) {
      const auto r = refusal_of(with_web(std::string(R"("localAddress": ")") + bad + "\""));
      BOOST_TEST(r.path == "containers.web.localAddress");
      BOOST_TEST(r.expected == form);
      BOOST_TEST(r.problem == "got a string (\"" + std::string(bad) + "\"), which is not an address");
    }
  }
  const auto r = refusal_of(with_web(R"("extraVeths": { "v1": { "hostAddress6": "fc00::zz" } })"));
  BOOST_TEST(r.path == "containers.web.extraVeths.v1.hostAddress6");
  // Either family is accepted in either option: the module does not check, and ctrlab notes it.
  BOOST_CHECK_NO_THROW((void)parse_scenario_file(with_web(R"("hostAddress": "fc00::1", "localAddress6": "10.0.0.2/24")")));
}

// 2018-2022 type the ports as types.int, 2025 as types.port: any integer is read, and the
// revision refuses what its type does not take (render_2025_test.cpp); past a 64-bit integer
// is bad input.
BOOST_AUTO_TEST_CASE(ports_are_any_integer_nix_can_hold) {
  for (const char* port : {"65536", "-1", "100000", "0"}) {
    BOOST_TEST_CONTEXT(port) {
      const auto scenario = parse_scenario_file(with_web(std::string(R"("forwardPorts": [ { "hostPort": )") + port +
                                                         R"(, "containerPort": )" + port + " } ]"));
      const auto& forwarded = scenario.containers.begin()->second.network.forwardPorts->front();
      BOOST_TEST(forwarded.hostPort == std::stoll(port));
      BOOST_TEST(**forwarded.containerPort == std::stoll(port));
    }
  }
  const auto huge = refusal_of(with_web(R"("forwardPorts": [ { "hostPort": 18446744073709551615 } ])"));
  BOOST_TEST(huge.path == "containers.web.forwardPorts[0].hostPort");
  BOOST_TEST(huge.problem == "got 18446744073709551615, which is too large");
}

BOOST_AUTO_TEST_CASE(a_forwarded_port_needs_a_host_port) {
  const auto r = refusal_of(with_web(R"("forwardPorts": [ { "protocol": "udp" } ])"));
  BOOST_TEST(r.path == "containers.web.forwardPorts[0]");
  BOOST_TEST(r.expected == "an object with hostPort, and optionally protocol and containerPort");
  BOOST_TEST(r.problem == "there is no hostPort");
}

BOOST_AUTO_TEST_CASE(each_protocol_and_host_port_is_forwarded_once) {
  const auto r = refusal_of(
      with_web(R"("forwardPorts": [ { "hostPort": 80 }, { "protocol": "udp", "hostPort": 80 }, { "protocol": "tcp", "hostPort": 80, "containerPort": 8080 } ])"));
  BOOST_TEST(r.path == "containers.web.forwardPorts[2]");
  BOOST_TEST(r.expected == "each (protocol, hostPort) forwarded at most once");
  BOOST_TEST(r.problem == "tcp port 80 is already forwarded by entry 0");
}

BOOST_AUTO_TEST_CASE(allowed_devices_need_node_and_modifier) {
  auto r = refusal_of(with_web(R"("allowedDevices": [ { "modifier": "rw" } ])"));
  BOOST_TEST(r.path == "containers.web.allowedDevices[0]");
  BOOST_TEST(r.problem == "there is no node");
  r = refusal_of(with_web(R"("allowedDevices": [ { "node": "/dev/fuse" } ])"));
  BOOST_TEST(r.problem == "there is no modifier");
}

BOOST_AUTO_TEST_CASE(revisions_are_named_once_each) {
  auto r = refusal_of(R"({ "revisions": ["2019"], "containers": {} })");
  BOOST_TEST(r.path == "revisions[0]");
  BOOST_TEST(r.expected == R"(a non-empty list of "2014", "2018", "2021", "2022")");
  BOOST_TEST(r.problem == "got a string (\"2019\")");
  r = refusal_of(R"({ "revisions": ["2018", "2018"], "containers": {} })");
  BOOST_TEST(r.path == "revisions[1]");
  BOOST_TEST(r.problem == "revision 2018 is listed twice");
  r = refusal_of(R"({ "revisions": [], "containers": {} })");
  BOOST_TEST(r.problem == "the list is empty");
}

BOOST_AUTO_TEST_CASE(host_facts_are_checked) {
  auto r = refusal_of(R"({ "host": { "stateVersion": 22.05 }, "containers": {} })");
  BOOST_TEST(r.path == "host.stateVersion");
  BOOST_TEST(r.expected == "a version string such as \"22.05\"");
  r = refusal_of(R"({ "host": { "kernelVersion": "linux-6.1" }, "containers": {} })");
  BOOST_TEST(r.expected == "a version string such as \"6.1.31\"");
  r = refusal_of(R"({ "host": { "kernel": "6.1" }, "containers": {} })");
  BOOST_TEST(r.path == "host.kernel");
  BOOST_TEST(r.problem == "unknown key \"kernel\"");
  r = refusal_of(R"({ "host": { "packages": { "systemd": "systemd" } }, "containers": {} })");
  BOOST_TEST(r.path == "host.packages.systemd");
  BOOST_TEST(r.expected == "an absolute store path such as \"/nix/store/<hash>-systemd\"");
  r = refusal_of(R"({ "host": { "machineId": "ABC" }, "containers": {} })");
  BOOST_TEST(r.path == "host.machineId");
  BOOST_TEST(r.expected == "32 lowercase hexadecimal digits, as in /etc/machine-id");
  r = refusal_of(R"({ "host": { "system": "" }, "containers": {} })");
  BOOST_TEST(r.problem == "got an empty string");
}

BOOST_AUTO_TEST_CASE(probe_scripts_are_checked) {
  const std::string web = R"("containers": { "web": { "path": "/p" } })";
  auto r = refusal_of("{ " + web + R"(, "probe": { "db": { "boots": [ { "action": "stay-up" } ] } } })");
  BOOST_TEST(r.path == "probe.db");
  BOOST_TEST(r.expected == "the name of a container in `containers`");
  BOOST_TEST(r.problem == "there is no container \"db\"");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [] } } })");
  BOOST_TEST(r.path == "probe.web.boots");
  BOOST_TEST(r.problem == "the list is empty");
  r = refusal_of("{ " + web + R"(, "probe": { "web": {} } })");
  BOOST_TEST(r.problem == "there is no \"boots\" list");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "action": "crash" } ] } } })");
  BOOST_TEST(r.path == "probe.web.boots[0].action");
  BOOST_TEST(r.expected ==
             R"("stay-up", "exit", "reboot", "poweroff", "hang-before-ready", "exit-before-ready" or "notify-from-child")");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "action": "reboot", "code": 3 } ] } } })");
  BOOST_TEST(r.path == "probe.web.boots[0].code");
  BOOST_TEST(r.problem == "a code is given for another action");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "action": "exit", "code": 256 } ] } } })");
  BOOST_TEST(r.expected == "an exit code from 0 to 255");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "action": "exit", "afterMs": -5 } ] } } })");
  BOOST_TEST(r.expected == "a number of milliseconds (0 or more)");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "afterMs": 5 } ] } } })");
  BOOST_TEST(r.problem == "there is no \"action\"");
  r = refusal_of("{ " + web + R"(, "probe": { "web": { "boots": [ { "action": "exit", "signal": 9 } ] } } })");
  BOOST_TEST(r.path == "probe.web.boots[0].signal");
  BOOST_TEST(r.expected == "boot keys: action, code, afterMs, ignoreKillSignal");
}

BOOST_AUTO_TEST_CASE(container_names_are_what_nixos_can_build_into_store_paths) {
  const auto refused = [](const std::string& name_json) { return refusal_of(R"({ "containers": { )" + name_json + R"(: { "path": "/p" } } })"); };
  auto r = refused(R"("")");
  BOOST_TEST(r.path == R"(containers[""])");
  BOOST_TEST(r.expected == "a container name of 1 to 188 letters, digits and + - . _ ? = @ : \\ (it becomes part of a Nix "
                           "store path name), not \".\" or \"..\"");
  BOOST_TEST(r.problem == "the name is empty (the unit would be container@.service, the template itself)");
  r = refused(R"("a/b")");
  BOOST_TEST(r.path == R"(containers["a/b"])");
  BOOST_TEST(r.problem == "the name holds '/', which a Nix store path name cannot (nor a systemd unit name)");
  r = refused(R"("a\nb")");
  BOOST_TEST(r.path == R"(containers["a\nb"])");
  BOOST_TEST(r.problem == "the name holds byte 10, which a Nix store path name cannot (nor a systemd unit name)");
  BOOST_TEST(refused(R"("../../..")").problem == "the name holds '/', which a Nix store path name cannot (nor a systemd unit name)");
  BOOST_TEST(refused(R"("..")").problem == "\"..\" would make the container's directories that folder or its parent");
  BOOST_TEST(refused(R"("my web")").path == R"(containers["my web"])");
  BOOST_TEST(refused("\"" + std::string(189, 'a') + "\"").problem ==
             "the name has 189 characters: its unit's store path name would exceed Nix's 211");
  // Names NixOS builds are taken, also those nspawn refuses at run time (predicted so).
  const std::vector<std::string> built = {"web", "a_b", "-web", "a.b", "x@y:z", "q?=+", std::string(188, 'a')};
  for (const auto& name : built) {
    BOOST_CHECK_NO_THROW((void)parse_scenario_file(R"({ "containers": { ")" + name + R"(": { "path": "/p" } } })"));
  }
}

BOOST_AUTO_TEST_CASE(keys_that_are_not_identifiers_are_quoted_in_paths) {
  const auto r = refusal_of(R"({ "containers": { "my.web": { "path": 1 } } })");
  BOOST_TEST(r.path == R"(containers["my.web"].path)");
}

BOOST_AUTO_TEST_SUITE_END()
