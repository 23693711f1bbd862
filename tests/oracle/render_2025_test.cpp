// What revision 2025 renders beyond the public ground truth, one behaviour per test, each
// beside what 2022 renders for the same spec (nixpkgs nixos/modules/virtualisation/
// nixos-containers.nix at 00ef614e; groundtruth_test.cpp holds the public cases).
#include <boost/test/unit_test.hpp>

#include "prediction_support.hpp"

using namespace prediction_support;

namespace {

const std::string& error_of(const Prediction& prediction) {
  BOOST_REQUIRE(prediction.error);
  return prediction.error->message;
}

const std::vector<std::string>& list_value(const UnitSection& section, const std::string& key) {
  return std::get<std::vector<std::string>>(section.at(key));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_2025)

BOOST_AUTO_TEST_CASE(a_mac_alone_adds_the_veth_and_the_init_sets_it_but_the_host_side_is_left_alone) {
  const auto mac = web(predict_web(R"("privateNetwork": true, "localMacAddress": "de:b7:73:01:10:90")", Revision::r2025));
  BOOST_TEST(contains(mac.nspawnArgv, "--network-veth"));
  BOOST_TEST(contains(mac.nspawnArgv, "LOCAL_MAC_ADDRESS=de:b7:73:01:10:90"));
  // preStart and postStart look for addresses only.
  BOOST_TEST((*mac.hostOps.preStart == std::vector<Argv>{{"machinectl", "terminate", "web"}}));
  BOOST_TEST(mac.hostOps.postStart->empty());
  BOOST_TEST((*mac.containerOps == std::vector<Argv>{{"ip", "link", "set", "host0", "name", "eth0"},
                                                     {"ip", "link", "set", "dev", "eth0", "address", "de:b7:73:01:10:90"},
                                                     {"ip", "link", "set", "dev", "eth0", "up"},
                                                     {"stage-2-init"}}));
  BOOST_TEST(error_of(predict_web(R"("localMacAddress": "de:b7:73:01:10:90")", Revision::r2022)) ==
             "error: The option `containers.web.localMacAddress' does not exist. Definition values:\n"
             "       - In `spec': \"de:b7:73:01:10:90\"");
}

BOOST_AUTO_TEST_CASE(an_extra_veths_mac_is_a_2025_network_option) {
  const std::string options = R"("privateNetwork": true, "extraVeths": { "v1": { "localMacAddress": "02:00:00:00:00:02" } })";
  BOOST_TEST(!predict_web(options, Revision::r2025).error);
  BOOST_TEST(error_of(predict_web(options, Revision::r2022)) ==
             "error: The option `containers.web.extraVeths.v1.localMacAddress' does not exist. Definition values:\n"
             "       - In `spec': \"02:00:00:00:00:02\"");
}

BOOST_AUTO_TEST_CASE(pick_or_a_uid_base_idmaps_the_nix_binds_and_gives_a_private_network_tun) {
  for (const char* value : {R"("pick")", "65536"}) {
    BOOST_TEST_CONTEXT(value) {
      const auto mapped = web(predict_web(std::string(R"("privateNetwork": true, "privateUsers": )") + value, Revision::r2025));
      BOOST_TEST(contains(mapped.nspawnArgv, "--bind-ro=/nix/store:/nix/store:idmap"));
      BOOST_TEST(contains(mapped.nspawnArgv, "--bind=/nix/var/nix/gcroots/per-container/web:/nix/var/nix/gcroots:idmap"));
      BOOST_TEST(list_value(mapped.unit.serviceConfig, "DeviceAllow") == std::vector<std::string>{"/dev/net/tun rwm"});
      // The tun device without enableTun's capability.
      BOOST_TEST(std::none_of(mapped.nspawnArgv.begin(), mapped.nspawnArgv.end(),
                              [](const std::string& word) { return word.starts_with("--capability"); }));
    }
  }
  for (const char* value : {R"("identity")", "0", R"("no")"}) {
    BOOST_TEST_CONTEXT(value) {
      const auto same = web(predict_web(std::string(R"("privateNetwork": true, "privateUsers": )") + value, Revision::r2025));
      BOOST_TEST(contains(same.nspawnArgv, "--bind-ro=/nix/store:/nix/store"));
      BOOST_TEST(list_value(same.unit.serviceConfig, "DeviceAllow").empty());
    }
  }
  // Without a private network: idmapped, but no tun.
  const auto shared = web(predict_web(R"("privateUsers": "pick")", Revision::r2025));
  BOOST_TEST(contains(shared.nspawnArgv, "--private-users=pick"));
  BOOST_TEST(list_value(shared.unit.serviceConfig, "DeviceAllow").empty());
}

BOOST_AUTO_TEST_CASE(a_user_bind_mount_is_never_idmapped) {
  const auto mapped = web(predict_web(R"("privateUsers": "pick", "bindMounts": { "/srv": { "hostPath": "/data" } })",
                                      Revision::r2025));
  BOOST_TEST(contains(mapped.nspawnArgv, "--bind-ro=/data:/srv"));
}

BOOST_AUTO_TEST_CASE(tun_access_is_rwm_in_2025_and_rw_before) {
  BOOST_TEST(list_value(web(predict_web(R"("enableTun": true)", Revision::r2025)).unit.serviceConfig, "DeviceAllow") ==
             std::vector<std::string>{"/dev/net/tun rwm"});
  BOOST_TEST(list_value(web(predict_web(R"("enableTun": true)", Revision::r2022)).unit.serviceConfig, "DeviceAllow") ==
             std::vector<std::string>{"/dev/net/tun rw"});
}

BOOST_AUTO_TEST_CASE(ports_past_16_bits_are_refused_by_2025_where_it_reads_them_and_rendered_by_2022) {
  const std::string options = R"("privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
                                 "forwardPorts": [ { "hostPort": 8080, "containerPort": 80 }, { "hostPort": 70000 } ])";
  BOOST_TEST(error_of(predict_web(options, Revision::r2025)) ==
             "error: A definition for option `containers.web.forwardPorts.\"[definition 1-entry 2]\".hostPort' is not of "
             "type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'. Definition values:\n"
             "       - In `spec': 70000");
  BOOST_TEST(predict_web(options, Revision::r2025).error->optionPath ==
             "containers.web.forwardPorts.\"[definition 1-entry 2]\".hostPort");
  const auto old = web(predict_web(options, Revision::r2022));
  BOOST_TEST(old.envFile->text.find("HOST_PORT=tcp:8080:80,tcp:70000:70000\n") != std::string::npos);
  BOOST_TEST(contains(old.nspawnArgv, "--port=tcp:70000:70000"));
  const auto container_port = predict_web(R"("privateNetwork": true, "forwardPorts": [ { "hostPort": 80, "containerPort": -1 } ])",
                                          Revision::r2025);
  BOOST_TEST(error_of(container_port).find("not of type `null or 16 bit unsigned integer;") != std::string::npos);
  // Without a private network the module never writes HOST_PORT, so it never reads the ports.
  BOOST_TEST(!predict_web(R"("forwardPorts": [ { "hostPort": 70000 } ])", Revision::r2025).error);
}

BOOST_AUTO_TEST_CASE(private_users_outside_its_type_are_refused) {
  const std::string type =
      "not of type `32 bit unsigned integer; between 0 and 4294967295 (both inclusive) or one of \"no\", \"identity\", "
      "\"pick\"'. Definition values:\n       - In `spec': ";
  BOOST_TEST(error_of(predict_web(R"("privateUsers": "nobody")", Revision::r2025)) ==
             "error: A definition for option `containers.web.privateUsers' is " + type + "\"nobody\"");
  BOOST_TEST(error_of(predict_web(R"("privateUsers": -1)", Revision::r2025)).ends_with(type + "-1"));
  BOOST_TEST(error_of(predict_web(R"("privateUsers": 4294967296)", Revision::r2025)).ends_with(type + "4294967296"));
  BOOST_TEST(!predict_web(R"("privateUsers": 4294967295)", Revision::r2025).error);
  BOOST_TEST(error_of(predict_web(R"("privateUsers": "nobody")", Revision::r2022))
                 .starts_with("error: The option `containers.web.privateUsers' does not exist."));
}

BOOST_AUTO_TEST_CASE(a_mac_the_pattern_does_not_match_is_refused_for_a_private_network) {
  BOOST_TEST(error_of(predict_web(R"("privateNetwork": true, "localMacAddress": "de:b7:73:01:10")", Revision::r2025)) ==
             "error: A definition for option `containers.web.localMacAddress' is not of type `null or string matching the "
             "pattern ([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}'. Definition values:\n"
             "       - In `spec': \"de:b7:73:01:10\"");
  // Without a private network the env file leaves it out, and nothing else reads it.
  BOOST_TEST(!predict_web(R"("localMacAddress": "de:b7:73:01:10")", Revision::r2025).error);
}

BOOST_AUTO_TEST_CASE(a_network_namespace_must_be_a_path_and_excludes_a_private_network_or_interfaces) {
  BOOST_TEST(error_of(predict_web(R"("networkNamespace": "netns/blue")", Revision::r2025)) ==
             "error: A definition for option `containers.web.networkNamespace' is not of type `null or path'. "
             "Definition values:\n       - In `spec': \"netns/blue\"");
  const auto joined = web(predict_web(R"("networkNamespace": "/run/netns/blue")", Revision::r2025));
  BOOST_TEST(contains(joined.nspawnArgv, "--network-namespace-path=/run/netns/blue"));
  const auto with_interfaces = predict_web(R"("networkNamespace": "/run/netns/blue", "interfaces": ["eth1"])", Revision::r2025);
  BOOST_TEST(error_of(with_interfaces).starts_with("error: value is a string while a set was expected\n"));
  BOOST_TEST(with_interfaces.error->optionPath == "containers.web.networkNamespace");
}

BOOST_AUTO_TEST_CASE(extra_nspawn_flags_come_last_so_a_users_flag_wins) {
  const std::string options = R"("extraFlags": ["--private-users=identity"])";
  const auto present = web(predict_web(options, Revision::r2025));
  const auto& argv = present.nspawnArgv;
  BOOST_TEST(argv.at(6) == "--private-users=no");
  BOOST_TEST(argv.at(argv.size() - 3) == "--private-users=identity");
  const auto old = web(predict_web(options, Revision::r2022));
  BOOST_TEST(old.nspawnArgv.at(6) == "--private-users=identity");
}

BOOST_AUTO_TEST_CASE(each_start_flag_stays_one_word_in_2025) {
  const std::string options = R"("privateNetwork": true, "hostBridge": "br 0", "extraVeths": { "v 1": {} })";
  const auto present = web(predict_web(options, Revision::r2025));
  BOOST_TEST(contains(present.nspawnArgv, "--network-bridge=br 0"));
  BOOST_TEST(contains(present.nspawnArgv, "--network-veth-extra=v 1"));
  const auto old = web(predict_web(options, Revision::r2022));
  BOOST_TEST(contains(old.nspawnArgv, "--network-bridge=br"));
  BOOST_TEST(contains(old.nspawnArgv, "--network-veth-extra=v"));
}

BOOST_AUTO_TEST_CASE(a_container_that_starts_at_boot_waits_for_the_interfaces_it_moves_in) {
  const std::string options = R"("autoStart": true, "privateNetwork": true, "interfaces": ["eth1", "wg-0"])";
  const auto present = web(predict_web(options, Revision::r2025));
  const std::vector<std::string> units = {"network.target", "sys-subsystem-net-devices-eth1.device",
                                          "sys-subsystem-net-devices-wg\\x2d0.device"};
  BOOST_TEST(*present.unit.wants == units);
  BOOST_TEST(*present.unit.after == units);
  BOOST_TEST(*web(predict_web(options, Revision::r2022)).unit.wants == std::vector<std::string>{"network.target"});
}

BOOST_AUTO_TEST_CASE(bind_mounts_are_mounts_the_unit_requires) {
  const std::string options = R"("bindMounts": { "/srv": { "hostPath": "/data/web" }, "/cache": {} })";
  BOOST_TEST(list_value(web(predict_web(options, Revision::r2025)).unit.unitConfig, "RequiresMountsFor") ==
             (std::vector<std::string>{"/var/lib/nixos-containers/%i", "/cache", "/data/web"}));
  BOOST_TEST(list_value(web(predict_web(options + R"(, "ephemeral": true)", Revision::r2025)).unit.unitConfig,
                        "RequiresMountsFor") == (std::vector<std::string>{"/cache", "/data/web"}));
  BOOST_TEST(list_value(web(predict_web(options, Revision::r2022)).unit.unitConfig, "RequiresMountsFor") ==
             std::vector<std::string>{"/var/lib/nixos-containers/%i"});
}

BOOST_AUTO_TEST_CASE(restart_if_changed_decides_what_a_switch_does_to_a_container_that_starts_at_boot) {
  BOOST_TEST(*web(predict_web(R"("autoStart": true)", Revision::r2025)).unit.restartIfChanged);
  const auto kept = web(predict_web(R"("autoStart": true, "restartIfChanged": false)", Revision::r2025));
  BOOST_TEST(!*kept.unit.restartIfChanged);
  BOOST_TEST(kept.unit.restartTriggers->size() == 2U);
}

BOOST_AUTO_TEST_CASE(the_unit_runs_its_scripts_strictly_with_nix_on_its_path) {
  const auto present = predict_web("", Revision::r2025);
  BOOST_TEST(*web(present).unit.enableStrictShellChecks);
  BOOST_TEST(*present.templateUnit->enableStrictShellChecks);
  BOOST_TEST(web(present).unit.path->size() == 2U);
  BOOST_TEST(web(present).unit.path->back().ends_with("-nix"));
  const auto old = web(predict_web("", Revision::r2022));
  BOOST_TEST(!old.unit.enableStrictShellChecks.has_value());
  BOOST_TEST(!contains(old.nspawnArgv, "--private-users=no"));
}

BOOST_AUTO_TEST_CASE(a_flake_is_built_on_first_start_and_its_profile_is_the_system) {
  const std::string flake = R"({ "containers": { "web": { "flake": "github:example/c#web", "autoStart": true } } })";
  const auto built = web(predict_text(flake, Revision::r2025));
  BOOST_TEST(contains(built.hostOps.start->at(built.hostOps.start->size() - 2), "update"));
  BOOST_TEST(built.nspawnArgv.back() == "/nix/var/nix/profiles/system/init");
  BOOST_TEST(built.unit.restartTriggers->front() == "/nix/var/nix/profiles/per-container/web");
  BOOST_TEST(built.envFile->text.starts_with("\nFLAKE=github:example/c#web\n\n"));
  const auto beside_config = predict_text(
      R"({ "containers": { "web": { "flake": "github:example/c#web", "config": {}, "autoStart": true } } })", Revision::r2025);
  BOOST_TEST(error_of(beside_config) ==
             "error: The options 'containers.web.path' and 'containers.web.flake' cannot both be set.");
  BOOST_TEST(error_of(predict_text(flake, Revision::r2022)).starts_with("error: The option `containers.web.flake' does not exist."));
}

BOOST_AUTO_TEST_CASE(copy_resolv_conf_false_copies_nothing) {
  const auto kept = web(predict_web(R"("copyResolvConf": false)", Revision::r2025));
  BOOST_TEST(std::none_of(kept.hostOps.start->begin(), kept.hostOps.start->end(),
                          [](const Argv& op) { return op.front() == "cp"; }));
  BOOST_TEST(kept.envFile->text.find("\nCOPY_RESOLV_CONF=0\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_name_with_an_underscore_fails_the_containers_assertion_in_2025_only) {
  const auto present = predict_text(R"({ "containers": { "web_1": { "path": "/p" } } })", Revision::r2025);
  BOOST_TEST(present.containers.at("web_1").failedContainerAssertions ==
             std::vector<std::string>{"Names containing underscores are not allowed in nixos-containers. Please rename "
                                      "the container 'web_1'\n"});
  BOOST_TEST(has_note(present, "systemd-nspawn refuses the name as a machine name"));
  const auto old = predict_text(R"({ "containers": { "web_1": { "path": "/p" } } })", Revision::r2022);
  BOOST_TEST(old.containers.at("web_1").failedContainerAssertions.empty());
}

BOOST_AUTO_TEST_CASE(a_value_that_leaves_a_quote_open_fails_the_2025_build_and_the_2022_run) {
  const std::string options = R"("privateNetwork": true, "extraVeths": { "v\"1": {} })";
  const auto present = predict_web(options, Revision::r2025);
  BOOST_TEST(error_of(present).find("bash -n cannot read it (unexpected EOF while looking for matching `\"')") !=
             std::string::npos);
  BOOST_TEST(present.error->optionPath == "containers.web.extraVeths[\"v\\\"1\"]");
  BOOST_TEST(!predict_web(options, Revision::r2022).error);
  BOOST_TEST(error_of(predict_web(R"("additionalCapabilities": ["CAP_\"X"])", Revision::r2025))
                 .starts_with("error: building the start script of container@web fails: bash -n cannot read it"));
  BOOST_TEST(error_of(predict_web(R"("tmpfs": ["/a'b"])", Revision::r2025)).find("matching `''") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
