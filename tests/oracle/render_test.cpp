// What each module revision renders, as specifications: one behaviour per test, on small
// scenarios. (groundtruth_test.cpp holds the oracle against the real module's output.)
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle.hpp"
#include "prediction_support.hpp"

using namespace ctrlab::oracle;
using Words = std::vector<std::string>;

using namespace prediction_support;

BOOST_AUTO_TEST_SUITE(render)

BOOST_AUTO_TEST_CASE(env_file_blank_lines_follow_the_module_text) {
  const auto& plain = web(predict_web("", Revision::r2021));
  BOOST_REQUIRE(plain.envFile);
  BOOST_TEST(plain.envFile->path == "/etc/containers/web.conf");
  BOOST_TEST(plain.envFile->text ==
             "SYSTEM_PATH=/nix/var/nix/profiles/per-container/web\n\nINTERFACES=\"\"\nMACVLANS=\"\"\n\nEXTRA_NSPAWN_FLAGS=\"\"\n");
  const auto& bridged = web(predict_web(R"("privateNetwork": true, "hostBridge": "br0", "autoStart": true)", Revision::r2018));
  BOOST_TEST(bridged.envFile->text ==
             "SYSTEM_PATH=/nix/var/nix/profiles/per-container/web\nPRIVATE_NETWORK=1\nHOST_BRIDGE=br0\n\n\n\n\n\n\n\n"
             "INTERFACES=\"\"\nMACVLANS=\"\"\nAUTO_START=1\n\nEXTRA_NSPAWN_FLAGS=\"\"\n");
}

BOOST_AUTO_TEST_CASE(addresses_outside_private_network_stay_out_of_the_env_file_but_reach_etc_hosts) {
  const auto prediction = predict_web(R"("localAddress": "10.0.0.2/24", "hostAddress": "10.0.0.1")", Revision::r2022);
  BOOST_TEST(web(prediction).envFile->text.find("ADDRESS") == std::string::npos);
  BOOST_TEST(prediction.hosts == "10.0.0.2 web.containers\n");
  BOOST_TEST(!contains(web(prediction).nspawnArgv, "--network-veth"));
  BOOST_TEST(web(prediction).hostOps.postStart->empty());
}

BOOST_AUTO_TEST_CASE(state_version_22_05_moves_2022_directories_only) {
  const auto moved = web(predict_web(R"("autoStart": true)", Revision::r2022, R"({ "stateVersion": "22.05" })"));
  BOOST_TEST(moved.envFile->path == "/etc/nixos-containers/web.conf");
  BOOST_TEST(text_value(moved.unit.serviceConfig, "EnvironmentFile") == "-/etc/nixos-containers/%i.conf");
  BOOST_TEST(moved.nspawnArgv.at(5) == "/var/lib/nixos-containers/web");
  const auto legacy = web(predict_web(R"("autoStart": true)", Revision::r2022, R"({ "stateVersion": "21.11" })"));
  BOOST_TEST(legacy.envFile->path == "/etc/containers/web.conf");
  BOOST_TEST(legacy.nspawnArgv.at(5) == "/var/lib/containers/web");
  // The run directory moved in 2022 whatever the state version.
  BOOST_TEST(legacy.hostOps.start->at(1).back() == "/run/nixos-containers");
  const auto older_module = web(predict_web("", Revision::r2021, R"({ "stateVersion": "23.05" })"));
  BOOST_TEST(older_module.envFile->path == "/etc/containers/web.conf");
}

BOOST_AUTO_TEST_CASE(a_bind_mount_with_a_space_becomes_two_arguments_and_nspawns_command) {
  const auto prediction = predict_web(R"("bindMounts": { "/data": { "hostPath": "/srv/my data" } })", Revision::r2021);
  const auto& argv = web(prediction).nspawnArgv;
  const auto bind = std::find(argv.begin(), argv.end(), "--bind-ro=/srv/my");
  BOOST_REQUIRE(bind != argv.end());
  BOOST_TEST(*(bind + 1) == "data:/data");
  BOOST_TEST(!web(prediction).containerOps.has_value());
  BOOST_TEST(has_note(prediction, "run `data:/data` as the container's command"));
  BOOST_TEST(has_note(prediction, "holds white space"));
}

BOOST_AUTO_TEST_CASE(glob_characters_stay_as_written_with_a_note) {
  const auto prediction = predict_web(R"("extraFlags": ["--bind=/tmp/*:/mnt"])", Revision::r2022);
  BOOST_TEST(contains(web(prediction).nspawnArgv, "--bind=/tmp/*:/mnt"));
  BOOST_TEST(web(prediction).containerOps.has_value());
  BOOST_TEST(has_note(prediction, "pathname expansion"));
}

BOOST_AUTO_TEST_CASE(forwarded_ports_become_one_port_flag_each) {
  const auto& container = web(predict_web(
      R"("privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
         "forwardPorts": [ { "hostPort": 8080 }, { "protocol": "udp", "hostPort": 53, "containerPort": 5353 } ])",
      Revision::r2021));
  BOOST_TEST(contains(container.nspawnArgv, "--port=tcp:8080:8080"));
  BOOST_TEST(contains(container.nspawnArgv, "--port=udp:53:5353"));
  BOOST_TEST(contains(container.nspawnArgv, "HOST_PORT=tcp:8080:8080,udp:53:5353"));
}

BOOST_AUTO_TEST_CASE(veth_flags_differ_between_2018_and_2021) {
  const std::string bridge_only = R"("privateNetwork": true, "hostBridge": "br0")";
  const auto& old_module = web(predict_web(bridge_only, Revision::r2018));
  BOOST_TEST((Words(old_module.nspawnArgv.begin() + 6, old_module.nspawnArgv.begin() + 8) ==
              Words{"--network-veth", "--network-bridge=br0"}));
  const auto& new_module = web(predict_web(bridge_only, Revision::r2021));
  BOOST_TEST((Words(new_module.nspawnArgv.begin() + 6, new_module.nspawnArgv.begin() + 8) ==
              Words{"--private-network", "--network-bridge=br0"}));
  // Both bring eth0 up in the container: 2018 for PRIVATE_NETWORK=1, 2021 for the bridge.
  BOOST_TEST(old_module.containerOps->front() == (Words{"ip", "link", "set", "host0", "name", "eth0"}));
  BOOST_TEST(new_module.containerOps->front() == (Words{"ip", "link", "set", "host0", "name", "eth0"}));
}

BOOST_AUTO_TEST_CASE(capabilities_join_with_a_space_in_2018_and_a_comma_later) {
  const std::string options = R"("additionalCapabilities": ["CAP_MKNOD"], "enableTun": true)";
  BOOST_TEST(contains(web(predict_web(options, Revision::r2018)).nspawnArgv, "--capability=CAP_MKNOD CAP_NET_ADMIN"));
  const auto& later = web(predict_web(options, Revision::r2022));
  BOOST_TEST(contains(later.nspawnArgv, "--capability=CAP_MKNOD,CAP_NET_ADMIN"));
  BOOST_TEST((std::get<Words>(later.unit.serviceConfig.at("DeviceAllow")) == Words{"/dev/net/tun rw"}));
}

BOOST_AUTO_TEST_CASE(ephemeral_containers_run_from_the_run_directory) {
  const auto& container = web(predict_web(R"("ephemeral": true)", Revision::r2022));
  BOOST_TEST(container.nspawnArgv.at(5) == "/run/nixos-containers/web");
  BOOST_TEST(contains(container.nspawnArgv, "--ephemeral"));
  BOOST_TEST(!contains(container.nspawnArgv, "--link-journal=try-guest"));
  BOOST_TEST((std::get<Words>(container.unit.serviceConfig.at("RuntimeDirectory")) == Words{"nixos-containers/%i"}));
  BOOST_TEST(std::get<Words>(container.unit.unitConfig.at("RequiresMountsFor")).empty());
  BOOST_TEST(container.unit.environment->at("root") == "/run/nixos-containers/%i");
}

BOOST_AUTO_TEST_CASE(auto_start_restarts_on_change_from_2021_and_reloads_in_2018) {
  const auto& old_module = web(predict_web(R"("autoStart": true)", Revision::r2018));
  BOOST_TEST(*old_module.unit.reloadIfChanged);
  BOOST_TEST(!*old_module.unit.restartIfChanged);
  BOOST_TEST(old_module.unit.restartTriggers->size() == 1U);
  const auto& new_module = web(predict_web(R"("autoStart": true, "timeoutStartSec": "5min")", Revision::r2021));
  BOOST_TEST(*new_module.unit.restartIfChanged);
  BOOST_TEST(!new_module.unit.reloadIfChanged);
  BOOST_REQUIRE(new_module.unit.restartTriggers->size() == 2U);
  BOOST_TEST(new_module.unit.restartTriggers->at(1).ends_with("-etc-web.conf"));
  BOOST_TEST(text_value(new_module.unit.serviceConfig, "TimeoutStartSec") == "5min");
  BOOST_TEST((*new_module.unit.wantedBy == Words{"machines.target"}));
}

BOOST_AUTO_TEST_CASE(the_env_file_store_path_changes_with_its_text) {
  const auto a = web(predict_web(R"("autoStart": true)", Revision::r2021)).unit.restartTriggers->at(1);
  const auto b = web(predict_web(R"("autoStart": true, "interfaces": ["eth1"])", Revision::r2021)).unit.restartTriggers->at(1);
  BOOST_TEST(a != b);
}

BOOST_AUTO_TEST_CASE(extra_veths_get_their_own_init_script) {
  const auto plain = web(predict_web(R"("privateNetwork": true)", Revision::r2021)).nspawnArgv;
  const auto with_veth =
      web(predict_web(R"("privateNetwork": true, "extraVeths": { "v1": { "localAddress": "10.1.0.2" } })", Revision::r2021))
          .nspawnArgv;
  BOOST_TEST(plain.at(plain.size() - 2).ends_with("-container-init"));
  BOOST_TEST(plain.at(plain.size() - 2) != with_veth.at(with_veth.size() - 2));
}

BOOST_AUTO_TEST_CASE(extra_veths_are_set_up_on_both_sides) {
  const auto& container = web(predict_web(
      R"("privateNetwork": true, "extraVeths": {
           "v1": { "hostBridge": "br1", "localAddress": "10.1.0.2/24", "hostAddress": "10.1.0.1" },
           "v2": { "hostAddress": "10.2.0.1", "hostAddress6": "fc02::1", "localAddress": "10.2.0.2", "localAddress6": "fc02::2" } })",
      Revision::r2021));
  const std::vector<Words> post_start = {{"ip", "link", "set", "dev", "v1", "master", "br1", "up"},
                                         {"ip", "link", "set", "dev", "v2", "up"},
                                         {"ip", "addr", "add", "10.2.0.1", "dev", "v2"},
                                         {"ip", "-6", "addr", "add", "fc02::1", "dev", "v2"},
                                         {"ip", "route", "add", "10.2.0.2", "dev", "v2"},
                                         {"ip", "-6", "route", "add", "fc02::2", "dev", "v2"}};
  BOOST_TEST(*container.hostOps.postStart == post_start);
  const std::vector<Words> init = {{"ip", "link", "set", "dev", "v1", "up"},
                                   {"ip", "addr", "add", "10.1.0.2/24", "dev", "v1"},
                                   {"ip", "route", "add", "10.1.0.1", "dev", "v1"},
                                   {"ip", "link", "set", "dev", "v2", "up"},
                                   {"ip", "addr", "add", "10.2.0.2", "dev", "v2"},
                                   {"ip", "-6", "addr", "add", "fc02::2", "dev", "v2"},
                                   {"ip", "route", "add", "10.2.0.1", "dev", "v2"},
                                   {"ip", "-6", "route", "add", "fc02::1", "dev", "v2"},
                                   {"stage-2-init"}};
  BOOST_TEST(*container.containerOps == init);
  BOOST_TEST(contains(container.nspawnArgv, "--network-veth-extra=v1"));
}

BOOST_AUTO_TEST_CASE(in_2018_extra_veths_are_only_configured_with_private_network) {
  const auto& container = web(predict_web(R"("extraVeths": { "v1": { "hostAddress": "10.1.0.1" } })", Revision::r2018));
  BOOST_TEST((*container.hostOps.postStart == std::vector<Words>{{"machinectl", "show", "web"}}));
  BOOST_TEST((*container.containerOps == std::vector<Words>{{"stage-2-init"}}));
  BOOST_TEST((container.hostOps.preStart->back() == Words{"ip", "link", "del", "dev", "v1"}));
}

BOOST_AUTO_TEST_CASE(ipv6_in_an_ipv4_option_is_passed_on_with_a_note) {
  const auto prediction = predict_web(R"("privateNetwork": true, "hostAddress": "fc00::1", "localAddress": "fc00::2/64")",
                                      Revision::r2021);
  BOOST_TEST((web(prediction).containerOps->at(3) == Words{"ip", "route", "add", "fc00::1", "dev", "eth0"}));
  BOOST_TEST(prediction.hosts == "fc00::2 web.containers\n");
  BOOST_TEST(has_note(prediction, "IPv6 address in an option named for IPv4"));
}

BOOST_AUTO_TEST_CASE(the_name_length_assertion_applies_up_to_kernel_5_8) {
  const auto assertions = [](const char* kernel, Revision revision) {
    const auto prediction = predict_text(std::string(R"({ "host": { "kernelVersion": ")") + kernel +
                                             R"(" }, "containers": { "twelve-chars": { "path": "/p", "privateNetwork": true } } })",
                                         revision);
    return prediction.containers.at("twelve-chars").failedContainerAssertions.size();
  };
  BOOST_TEST(assertions("5.8", Revision::r2021) == 1U);
  BOOST_TEST(assertions("5.4.190", Revision::r2022) == 1U);
  BOOST_TEST(assertions("5.8.0", Revision::r2021) == 0U);
  BOOST_TEST(assertions("5.10", Revision::r2021) == 0U);
  BOOST_TEST(assertions("5.4", Revision::r2018) == 0U);  // 2018 has no such assertion
}

BOOST_AUTO_TEST_CASE(several_containers_are_rendered_in_name_order) {
  const auto prediction = predict_text(R"({ "containers": {
      "b": { "path": "/b", "localAddress": "10.0.0.2" },
      "a": { "path": "/a", "localAddress": "10.0.0.1/8" } } })",
                                       Revision::r2021);
  BOOST_TEST((prediction.serviceNames == Words{"container@", "container@a", "container@b"}));
  BOOST_TEST(prediction.hosts == "10.0.0.1 a.containers\n10.0.0.2 b.containers\n");
  BOOST_TEST(prediction.etcFiles.size() == 2U);
  BOOST_REQUIRE(prediction.templateUnit);
  BOOST_TEST(text_value(prediction.templateUnit->unitConfig, "RequiresMountsFor") == "/var/lib/containers/%i");
}

BOOST_AUTO_TEST_CASE(the_2014_module_runs_nspawn_from_exec_start) {
  const auto prediction = predict_text(
      R"({ "containers": { "old": { "path": "/nix/var/nix/profiles/old", "root": "/containers/my old" } } })",
      Revision::r2014);
  const auto& container = prediction.containers.at("old");
  BOOST_TEST(container.unitName == "container-old");
  BOOST_TEST(!container.envFile);
  BOOST_TEST(!prediction.templateUnit);
  BOOST_TEST((prediction.serviceNames == Words{"container-old"}));
  BOOST_TEST(text_value(container.unit.serviceConfig, "ExecStart").ends_with(
      "/bin/systemd-nspawn -M old -D /containers/my old --bind-ro=/nix /nix/var/nix/profiles/old/init"));
  // systemd splits ExecStart at the space in the root; the preStart script does too.
  BOOST_TEST((Words(container.nspawnArgv.begin() + 1, container.nspawnArgv.end()) ==
              Words{"-M", "old", "-D", "/containers/my", "old", "--bind-ro=/nix", "/nix/var/nix/profiles/old/init"}));
  BOOST_TEST((container.hostOps.preStart->front() == Words{"mkdir", "-p", "-m", "0755", "/containers/my", "old/etc"}));
  BOOST_TEST(!container.hostOps.postStart);
  BOOST_TEST(!container.containerOps);
}

BOOST_AUTO_TEST_CASE(an_option_the_revision_lacks_is_refused_as_nix_refuses_it) {
  const auto prediction = predict_web(R"("timeoutStartSec": "2min", "ephemeral": false)", Revision::r2018);
  BOOST_REQUIRE(prediction.error);
  // Nix reports the first unmatched definition by name.
  BOOST_TEST(prediction.error->message ==
             "error: The option `containers.web.ephemeral' does not exist. Definition values:\n       - In `spec': false");
  BOOST_TEST(prediction.error->optionPath == "containers.web.ephemeral");
  BOOST_TEST(prediction.containers.empty());
}

BOOST_AUTO_TEST_CASE(the_2014_module_refuses_networking_options_under_systemd_containers) {
  const auto prediction = predict_web(R"("privateNetwork": true, "interfaces": ["eth1", "eth2"])", Revision::r2014);
  BOOST_REQUIRE(prediction.error);
  BOOST_TEST(prediction.error->message ==
             "error: The option `systemd.containers.web.interfaces' does not exist. Definition values:\n"
             "       - In `spec':\n           [\n             \"eth1\"\n             \"eth2\"\n           ]");
}

BOOST_AUTO_TEST_CASE(the_first_container_by_name_is_refused_first) {
  const auto prediction = predict_text(
      R"({ "containers": { "b": { "path": "/b", "ephemeral": true }, "a": { "path": "/a", "root": "/r" } } })",
      Revision::r2018);
  BOOST_TEST(prediction.error->optionPath == "containers.a.root");
}

BOOST_AUTO_TEST_CASE(unknown_sub_options_are_refused_with_their_full_location) {
  const auto prediction = predict_text(
      R"({ "containers": { "web": { "path": "/p", "forwardPorts": [ { "hostPort": 1, "host": "x" } ] } } })",
      Revision::r2022, true);
  BOOST_TEST(prediction.error->message ==
             "error: The option `containers.web.forwardPorts.\"[definition 1-entry 1]\".host' does not exist. "
             "Definition values:\n       - In `spec': \"x\"");
}

BOOST_AUTO_TEST_CASE(the_removed_pkgs_option_throws_the_modules_message) {
  const auto prediction = predict_web(R"("pkgs": {})", Revision::r2021);
  BOOST_REQUIRE(prediction.error);
  BOOST_TEST(prediction.error->message.starts_with(
      "error: The option definition `containers.web.pkgs' in `spec' no longer has any effect; please remove it.\n\n"
      "       Alternatively, you can use the following options:\n       - containers.web.nixpkgs\n"));
  BOOST_TEST(predict_web(R"("pkgs": {})", Revision::r2018).error->optionPath == "containers.web.pkgs");
}

BOOST_AUTO_TEST_CASE(a_container_without_path_or_config_cannot_be_evaluated) {
  const auto prediction = predict_text(R"({ "containers": { "web": { "autoStart": true } } })", Revision::r2022);
  BOOST_REQUIRE(prediction.error);
  BOOST_TEST(prediction.error->message ==
             "error: The option `containers.web.path' was accessed but has no value defined. Try setting the option.");
}

BOOST_AUTO_TEST_CASE(nix_eval_output_predicts_like_the_minimal_spec) {
  const auto minimal = predict_text(R"({ "containers": { "web": { "path": "/p", "privateNetwork": true,
      "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2", "bindMounts": { "/srv": { "hostPath": "/data" } } } } })",
                                    Revision::r2022);
  const std::string evaluated_text = R"({ "containers": { "web": {
      "additionalCapabilities": [], "allowedDevices": [], "autoStart": false,
      "bindMounts": { "/srv": { "hostPath": "/data", "isReadOnly": true, "mountPoint": "/srv" } },
      "config": { "system": {} }, "enableTun": false, "ephemeral": false, "extraFlags": [], "extraVeths": {},
      "forwardPorts": [], "hostAddress": "10.0.0.1", "hostAddress6": null, "hostBridge": null, "interfaces": [],
      "localAddress": "10.0.0.2", "localAddress6": null, "macvlans": [], "nixpkgs": "/nix/store/x-source",
      "path": "/p", "privateNetwork": true, "timeoutStartSec": "1min", "tmpfs": [] } } })";
  const auto evaluated = predict_text(evaluated_text, Revision::r2022);
  nlohmann::json a = to_json(minimal);
  nlohmann::json b = to_json(evaluated);
  a.erase("notes");
  b.erase("notes");
  BOOST_TEST(a == b);
  BOOST_TEST(evaluated.notes.size() == 2U);  // config and nixpkgs are not rendered
  // Output evaluated with a newer module defines options 2018 does not have: Nix refuses it.
  BOOST_TEST(predict_text(evaluated_text, Revision::r2018).error->optionPath == "containers.web.ephemeral");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(render_config_only)

BOOST_AUTO_TEST_CASE(a_container_defined_by_config_alone_gets_a_placeholder_system_path) {
  for (const Revision revision : all_revisions) {
    const auto prediction = predict(parse_scenario_file(R"({ "containers": { "web": { "config": {} } } })"), revision);
    BOOST_REQUIRE(!prediction.error);
    const auto& init = prediction.containers.at("web").nspawnArgv.back();
    BOOST_TEST(init.starts_with("/nix/store/"), init);
    BOOST_TEST(init.ends_with("-nixos-system-web/init"), init);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(render_pre_stop)

BOOST_AUTO_TEST_CASE(revisions_with_a_pre_stop_script_signal_the_container_from_it) {
  const auto scenario = parse_scenario_file(R"({ "containers": { "web": { "path": "/p" } } })");
  const auto old_module = predict(scenario, Revision::r2018).containers.at("web").hostOps.preStop;
  BOOST_REQUIRE(old_module);
  BOOST_TEST((old_module->at(1) == Words{"kill", "-RTMIN+4", "$pid"}));
  BOOST_TEST((old_module->at(2) == Words{"rm", "-f", "/run/containers/web.pid"}));
  const auto first_module = predict(scenario, Revision::r2014).containers.at("web").hostOps.preStop;
  BOOST_REQUIRE(first_module);
  BOOST_TEST((first_module->at(0) == Words{"cat", "/sys/fs/cgroup/systemd/machine/web.nspawn/system/tasks"}));
  BOOST_TEST(!predict(scenario, Revision::r2021).containers.at("web").hostOps.preStop);
  BOOST_TEST(to_json(predict(scenario, Revision::r2018))["preStop"]["web"].size() == 3U);
}

BOOST_AUTO_TEST_SUITE_END()

// Values that write lines of their own into the unit or env file: predicted as systemd reads
// what NixOS writes, and warned about by name (issue #16: line injection).
BOOST_AUTO_TEST_SUITE(render_line_injection)

std::vector<RenderNote> warnings_of(const ContainerPrediction& container) {
  std::vector<RenderNote> warnings;
  for (const auto& note : container.notes) {
    if (note.warning) warnings.push_back(note);
  }
  return warnings;
}

// The container's one warning, which must name `path`.
RenderNote only_warning(const ContainerPrediction& container, const std::string& path) {
  const auto warnings = warnings_of(container);
  BOOST_REQUIRE(warnings.size() == 1U);
  BOOST_TEST(warnings[0].path == path);
  return warnings[0];
}

BOOST_AUTO_TEST_CASE(a_directive_injected_through_timeout_start_sec_is_in_the_unit_as_systemd_reads_it) {
  const auto prediction = predict_web(R"("timeoutStartSec": "1min\nExecStartPre=/bin/sh -c \"touch /x\"")", Revision::r2022);
  const auto& container = web(prediction);
  BOOST_TEST(text_value(container.unit.serviceConfig, "TimeoutStartSec") == "1min");
  BOOST_TEST(text_value(container.unit.serviceConfig, "ExecStartPre") == "/bin/sh -c \"touch /x\"");
  BOOST_TEST(only_warning(container, "containers.web.timeoutStartSec").message ==
             "holds a line break: NixOS writes it into the unit file as it is (TimeoutStartSec=...), and systemd reads "
             "the line after the break as a directive of its own: [Service] ExecStartPre=/bin/sh -c \"touch /x\" "
             "(line injection; the predicted unit is what systemd reads)");
  // ctrlab predict shows it as a warning, and the JSON carries it with its severity.
  BOOST_TEST(summary_text(prediction).find("  warning: containers.web.timeoutStartSec: holds a line break") != std::string::npos);
  const auto notes = to_json(prediction)["notes"];
  BOOST_TEST(std::any_of(notes.begin(), notes.end(), [](const nlohmann::json& note) {
    return note["severity"] == "warning" && note["path"] == "containers.web.timeoutStartSec";
  }));
}

BOOST_AUTO_TEST_CASE(a_device_with_a_line_break_injects_through_device_allow_in_file_order) {
  const auto& container = web(predict_web(
      R"("allowedDevices": [ { "node": "/dev/fuse", "modifier": "rw\nDevicePolicy=auto" } ])", Revision::r2021));
  // DeviceAllow comes before DevicePolicy in the file: the module's own `closed` is read last, and wins.
  BOOST_TEST((std::get<Words>(container.unit.serviceConfig.at("DevicePolicy")) == Words{"auto", "closed"}));
  BOOST_TEST((std::get<Words>(container.unit.serviceConfig.at("DeviceAllow")) == Words{"/dev/fuse rw"}));
  BOOST_TEST(only_warning(container, "containers.web.allowedDevices").message.find("[Service] DevicePolicy=auto") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_trailing_backslash_joins_the_next_directive_and_both_are_warned_about) {
  const auto& container = web(predict_web(R"("timeoutStartSec": "1min\\")", Revision::r2022));
  BOOST_TEST(text_value(container.unit.serviceConfig, "TimeoutStartSec") == "1min Type=notify");
  BOOST_TEST(!container.unit.serviceConfig.contains("Type"));
  const auto warnings = warnings_of(container);
  BOOST_REQUIRE(warnings.size() == 2U);
  BOOST_TEST(warnings[0].path == "containers.web.timeoutStartSec");
  BOOST_TEST(warnings[0].message ==
             "systemd reads the module's [Service] TimeoutStartSec=1min Type=notify: a trailing backslash joined the "
             "next line to it");
  BOOST_TEST(warnings[1].path == "containers.web");
  BOOST_TEST(warnings[1].message.starts_with("systemd does not read the module's [Service] Type= directive"));
}

BOOST_AUTO_TEST_CASE(a_spec_without_line_breaks_has_its_unit_as_the_module_sets_it_and_no_warning) {
  const auto& container = web(predict_web(R"("timeoutStartSec": "2min", "autoStart": true)", Revision::r2022));
  BOOST_TEST(text_value(container.unit.serviceConfig, "TimeoutStartSec") == "2min");
  BOOST_TEST(std::get<bool>(container.unit.serviceConfig.at("Delegate")));
  BOOST_TEST(warnings_of(container).empty());
}

BOOST_AUTO_TEST_CASE(a_host_address_with_a_newline_is_taken_predicted_and_warned_about) {
  // NixOS types hostAddress as a string: the env file gets the extra line, systemd reads it.
  const auto prediction = predict_web(R"("privateNetwork": true, "hostAddress": "10.0.0.1\nHOST_BRIDGE=br9",
                                         "localAddress": "10.0.0.2")",
                                      Revision::r2018);
  const auto& container = web(prediction);
  BOOST_TEST(container.envFile->text.find("HOST_ADDRESS=10.0.0.1\nHOST_BRIDGE=br9\n") != std::string::npos);
  BOOST_TEST(contains(container.nspawnArgv, "--network-bridge=br9"));
  BOOST_TEST(only_warning(container, "containers.web.hostAddress").message ==
             "holds a line break: NixOS writes it into /etc/containers/web.conf as it is, and systemd reads the line "
             "after the break as an assignment of its own: HOST_BRIDGE=br9 (line injection; the predicted env file and "
             "scripts are what systemd reads)");
}

BOOST_AUTO_TEST_CASE(an_address_written_into_script_source_adds_a_command_at_its_newline) {
  // 2021 writes hostAddress into postStart's source: the newline ends `ip addr add` there.
  const auto& container = web(predict_web(R"("privateNetwork": true, "hostAddress": "10.0.0.1\nLABEL=x",
                                             "localAddress": "10.0.0.2")",
                                          Revision::r2021));
  const auto& post_start = *container.hostOps.postStart;
  BOOST_TEST(std::count(post_start.begin(), post_start.end(), Words{"ip", "addr", "add", "10.0.0.1"}) == 1);
  BOOST_TEST(std::count(post_start.begin(), post_start.end(), Words{"dev", "ve-web"}) == 1);
  BOOST_TEST(warnings_of(container).size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_address_whose_first_line_is_no_address_is_still_refused) {
  BOOST_CHECK_THROW((void)predict_web(R"("hostAddress": "nowhere\n10.0.0.1")", Revision::r2022), ScenarioError);
}

BOOST_AUTO_TEST_CASE(the_2014_unit_runs_the_exec_start_systemd_reads) {
  const auto prediction = predict_text(R"({ "containers": { "web": { "path": "/p", "root": "/r\nExecStartPost=/bin/true" } } })",
                                       Revision::r2014);
  const auto& container = web(prediction);
  BOOST_TEST(container.nspawnArgv.back() == "/r");
  BOOST_TEST(text_value(container.unit.serviceConfig, "ExecStartPost") == "/bin/true --bind-ro=/nix /p/init");
  BOOST_TEST(!warnings_of(container).empty());
}

BOOST_AUTO_TEST_SUITE_END()
