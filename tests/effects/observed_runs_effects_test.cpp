// What the sandbox host's runs of the project's scenarios showed (systemd 252 and its nspawn),
// as the network effects must predict it: what nspawn runs in the container, how its mounts
// fail, and what it gives back to the host at stop.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;

namespace {

Scenario scenario_file(const std::string& relative_path) {
  std::ifstream file(std::filesystem::path(CTRLAB_SOURCE_DIR) / "scenarios" / relative_path);
  std::stringstream text;
  text << file.rdbuf();
  return parse_scenario_file(text.str());
}

NetworkEffects effects_of(const Scenario& scenario, Revision revision) {
  return predict_effects(predict(scenario, revision), host_network_of(scenario.host));
}

// A container `flags` with these extraFlags (a JSON array's text).
Scenario with_extra_flags(const std::string& flags) {
  return parse_scenario_file(R"({"revisions": ["2021"], "containers": {"flags": {"extraFlags": )" + flags +
                             R"(, "path": "/nix/var/nix/profiles/per-container/flags"}}})");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(observed_runs_effects)

BOOST_AUTO_TEST_CASE(the_2014_argv_execs_the_systems_own_init_which_is_stage_2) {
  const auto effects = effects_of(scenario_file("examples/legacy-2014.json"), Revision::r2014);
  const ContainerEffects& plain = effects.containers.at("plain");
  BOOST_TEST(plain.command_path == "/nix/var/nix/profiles/per-container/plain/init");
  BOOST_TEST((plain.command == ContainerCommand::system_init));
  BOOST_TEST(plain.init_reaches_stage_2);
  BOOST_TEST(plain.operations.empty());  // nothing runs in the container before stage 2
  BOOST_TEST(!plain.unit_failure.has_value());
}

BOOST_AUTO_TEST_CASE(a_word_that_splitting_made_the_command_is_no_init_and_fails_to_exec) {
  for (const auto revision : {Revision::r2018, Revision::r2021, Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << to_string(revision)) {
      const auto effects = effects_of(scenario_file("examples/bind-mount-with-space.json"), revision);
      const ContainerEffects& files = effects.containers.at("files");
      BOOST_TEST(files.command_path == "data:/data");
      BOOST_TEST((files.command == ContainerCommand::other_program));
      BOOST_TEST(!files.init_reaches_stage_2);
      BOOST_TEST(files.unit_failure.value().find("execv(data:/data) fails") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(read_only_fails_nspawns_tmp_mount_in_a_fresh_root) {
  const auto effects = effects_of(scenario_file("options/extra-flags.json"), Revision::r2021);
  const ContainerEffects& flags = effects.containers.at("flags");
  BOOST_TEST_REQUIRE(flags.nspawn_steps.size() == 1U);
  const NspawnNetworkStep& mount = flags.nspawn_steps.front();
  BOOST_TEST(mount.action == "mount tmpfs on /tmp");
  BOOST_TEST(mount.fatal);
  BOOST_TEST(mount.outcome.exit_status == 1);
  BOOST_TEST(mount.outcome.message ==
             "Failed to mount tmpfs (type tmpfs) on /var/lib/containers/flags/tmp (MS_NOSUID|MS_NODEV|MS_STRICTATIME "
             "\"mode=1777,size=10%,nr_inodes=400k,uid=0,gid=0\"): No such file or directory");
  BOOST_TEST(flags.unit_failure.value().starts_with("systemd-nspawn exits 1: Failed to mount tmpfs"));
  BOOST_TEST(!flags.init_reaches_stage_2);
}

BOOST_AUTO_TEST_CASE(a_writable_or_volatile_root_gets_its_tmp) {
  for (const std::string flags : {R"(["--drop-capability=CAP_SYS_CHROOT"])", R"(["--read-only", "--volatile=state"])",
                                  R"(["--read-only", "--volatile"])"}) {
    BOOST_TEST_CONTEXT("extraFlags " << flags) {
      const auto effects = effects_of(with_extra_flags(flags), Revision::r2021);
      const ContainerEffects& container = effects.containers.at("flags");
      BOOST_TEST(container.nspawn_steps.empty());
      BOOST_TEST(!container.unit_failure.has_value());
      BOOST_TEST(container.init_reaches_stage_2);
    }
  }
  // --volatile=no keeps the root as it is: read-only, without /tmp.
  const auto effects = effects_of(with_extra_flags(R"(["--read-only", "--volatile=no"])"), Revision::r2021);
  BOOST_TEST(effects.containers.at("flags").unit_failure.has_value());
}

BOOST_AUTO_TEST_CASE(nspawn_that_exits_by_itself_gives_a_moved_interface_back_down) {
  // Observed (nixos-tests/physical-interfaces): under 2021 and 2022 the unit's SIGTERM makes
  // nspawn halt the container and exit, moving dummy-test back to the host, down. Under 2018
  // nspawn ignores KillSignal=SIGWINCH and is SIGKILLed: the kernel destroys the virtual link
  // with the namespace.
  const auto scenario = scenario_file("nixos-tests/physical-interfaces.json");
  for (const auto revision : {Revision::r2021, Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << to_string(revision)) {
      const auto effects = effects_of(scenario, revision);
      BOOST_TEST(effects.running.host.find_link("dummy-test") == nullptr);
      const LinkState* back = effects.host_after_stop.find_link("dummy-test");
      BOOST_TEST_REQUIRE(back != nullptr);
      BOOST_TEST(!back->up);
      BOOST_TEST((back->kind == LinkKind::dummy));
    }
  }
  const auto killed = effects_of(scenario, Revision::r2018);
  BOOST_TEST(killed.host_after_stop.find_link("dummy-test") == nullptr);
}

BOOST_AUTO_TEST_CASE(only_sigterm_and_sigint_reach_nspawn_as_a_stop) {
  UnitDefinition unit;
  BOOST_TEST(nspawn_exits_by_itself_at_stop(unit));  // KillSignal= defaults to SIGTERM
  unit.serviceConfig["KillSignal"] = std::string("TERM");
  BOOST_TEST(nspawn_exits_by_itself_at_stop(unit));
  unit.serviceConfig["KillSignal"] = std::string("SIGINT");
  BOOST_TEST(nspawn_exits_by_itself_at_stop(unit));
  unit.serviceConfig["KillSignal"] = std::string("WINCH");  // the 2018 module's
  BOOST_TEST(!nspawn_exits_by_itself_at_stop(unit));
}

BOOST_AUTO_TEST_SUITE_END()
