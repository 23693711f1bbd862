// plan_installation(): what installing a prediction into the sandbox writes, as data. Pure.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle.hpp"
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/probe_protocol.hpp"
#include "ctrlab/runner/unit_scripts.hpp"

namespace ctrlab::runner {
namespace {

const std::string store = "/nix/store/6bfa02d0dd61398245ad07adb21a6136-systemd";

oracle::Prediction predict(const std::string& scenario_json, oracle::Revision revision) {
  return oracle::predict(oracle::parse_scenario_file(scenario_json), revision);
}

Installation plan_for(const oracle::Prediction& prediction, std::map<std::string, oracle::ProbeScript> probes = {}) {
  InstallationInputs inputs;
  inputs.prediction = &prediction;
  inputs.probes = std::move(probes);
  inputs.probe_inside = "/run/ctrlab/bin/ctrlab-probe";
  inputs.commands_tool_inside = "/run/ctrlab/bin/ctrlab-commands";
  return plan_installation(inputs);
}

const FileToWrite& file(const Installation& plan, const std::string& path) {
  const auto found = std::find_if(plan.files.begin(), plan.files.end(), [&](const auto& f) { return f.path == path; });
  BOOST_REQUIRE_MESSAGE(found != plan.files.end(), "no file " << path << " in the plan");
  return *found;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) lines.push_back(line);
  }
  return lines;
}

unit_scripts::CommandList script(const Installation& plan, const std::string& unit, const std::string& name) {
  return unit_scripts::command_list_from_json(
      nlohmann::json::parse(file(plan, "/run/ctrlab-commands/" + unit + "/" + name + ".json").text));
}

bool has(const std::vector<std::filesystem::path>& paths, const std::string& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

const std::string plain = R"({"host": {"packages": {"systemd": ")" + store + R"("}},
  "containers": {"plain": {"path": "/nix/var/nix/profiles/per-container/plain"}}})";

const std::string extra_veth = R"({"host": {"packages": {"systemd": ")" + store + R"("}},
  "containers": {"web": {"privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
    "extraVeths": {"veth2": {"hostAddress": "192.168.2.1", "localAddress": "192.168.2.100"}},
    "path": "/nix/var/nix/profiles/per-container/web"}}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(installation_plan)

BOOST_AUTO_TEST_CASE(writes_the_env_file_and_a_unit_that_execs_the_predicted_argv) {
  const auto prediction = predict(plain, oracle::Revision::r2022);
  const auto plan = plan_for(prediction);
  const auto& container = prediction.containers.at("plain");

  BOOST_TEST(file(plan, "/etc/nixos-containers/plain.conf").text == container.envFile->text);
  const auto& unit = file(plan, "/run/systemd/system/container@plain.service").text;
  BOOST_TEST(lines_starting(unit, "Type=") == std::vector<std::string>{"Type=notify"});
  BOOST_TEST(lines_starting(unit, "Delegate=") == std::vector<std::string>{"Delegate=1"});  // Nix's toString true
  BOOST_TEST(lines_starting(unit, "Environment=\"INSTANCE=%i\"").size() == 1U);
  const auto exec_start = lines_starting(unit, "ExecStart=");
  BOOST_REQUIRE(exec_start.size() == 1U);
  BOOST_TEST(exec_start.front().starts_with("ExecStart=" + store + "/bin/systemd-nspawn --keep-unit -M plain -D "));
  // preStart, then the start script's commands, in one ExecStartPre line.
  BOOST_TEST(lines_starting(unit, "ExecStartPre=") ==
             (std::vector<std::string>{"ExecStartPre=/run/ctrlab/bin/ctrlab-commands "
                                       "/run/ctrlab-commands/container@plain.service/preStart.json "
                                       "/run/ctrlab-commands/container@plain.service/start.json"}));
  const auto pre_start = script(plan, "container@plain.service", "preStart");
  BOOST_TEST(pre_start.ignore_failures);  // the module's `|| true`
  BOOST_TEST((pre_start.commands == std::vector<oracle::Argv>{{"machinectl", "terminate", "plain"}}));
  const auto start = script(plan, "container@plain.service", "start");
  BOOST_TEST(!start.ignore_failures);  // the start script's `-e`
  BOOST_TEST(start.commands.front().front() == "mkdir");
  BOOST_TEST((start.commands.back() == oracle::Argv{"cp", "--remove-destination", "/etc/resolv.conf",
                                                     "/var/lib/nixos-containers/plain/etc/resolv.conf"}));
  BOOST_TEST(file(plan, "/run/systemd/system/container@.service").text.find("ExecStart") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(puts_the_probe_where_nspawn_looks_for_the_init_and_its_plan_in_the_profile) {
  const auto prediction = predict(plain, oracle::Revision::r2022);
  const oracle::ProbeScript script{{{oracle::BootAction::exit, 7, std::chrono::milliseconds(100), false}}};
  const auto plan = plan_for(prediction, {{"plain", script}});
  const auto& argv = prediction.containers.at("plain").nspawnArgv;

  BOOST_TEST(has(plan.probe_copies, argv[argv.size() - 2]));  // /nix/store/...-container-init
  BOOST_TEST(has(plan.probe_copies, "/nix/var/nix/profiles/per-container/plain/init"));
  BOOST_TEST(plan.symlinks.front().path == argv.front());
  BOOST_TEST(plan.symlinks.front().target == "/usr/bin/systemd-nspawn");
  BOOST_TEST(has(plan.directories, "/var/lib/nixos-containers/plain/usr"));
  BOOST_TEST(has(plan.directories, "/nix/var/nix/db"));

  BOOST_REQUIRE(plan.units.size() == 1U);
  BOOST_TEST(plan.units.front().unit == "container@plain.service");
  BOOST_TEST(plan.units.front().probe_state_dir == "/nix/var/nix/profiles/per-container/plain/ctrlab-probe");
  const auto written = probe::plan_from_json(
      nlohmann::json::parse(file(plan, "/nix/var/nix/profiles/per-container/plain/ctrlab-probe/plan.json").text));
  BOOST_TEST(written.operations.empty());  // stage-2-init is the probe itself
  BOOST_TEST(written.script.boots.front().exit_code == 7);
}

BOOST_AUTO_TEST_CASE(host_side_ip_commands_are_the_scripts_own_commands) {
  const auto prediction = predict(extra_veth, oracle::Revision::r2022);
  const auto plan = plan_for(prediction);
  const auto& unit = file(plan, "/run/systemd/system/container@web.service").text;

  BOOST_TEST(lines_starting(unit, "ExecStartPost=") ==
             std::vector<std::string>{
                 "ExecStartPost=/run/ctrlab/bin/ctrlab-commands /run/ctrlab-commands/container@web.service/postStart.json"});
  const auto& host_ops = prediction.containers.at("web").hostOps;
  BOOST_TEST(script(plan, "container@web.service", "preStart").commands == *host_ops.preStart);
  BOOST_TEST(script(plan, "container@web.service", "postStart").commands == *host_ops.postStart);
  BOOST_TEST((host_ops.postStart->front() == oracle::Argv{"ip", "link", "set", "dev", "ve-web", "up"}));

  const auto written = probe::plan_from_json(
      nlohmann::json::parse(file(plan, "/nix/var/nix/profiles/per-container/web/ctrlab-probe/plan.json").text));
  BOOST_TEST((written.operations.front() == oracle::Argv{"ip", "link", "set", "host0", "name", "eth0"}));
  BOOST_TEST((written.operations.back() != oracle::Argv{"stage-2-init"}));
}

BOOST_AUTO_TEST_CASE(revision_2014_keeps_its_own_exec_start_and_keeps_state_in_the_root) {
  const auto prediction = predict(plain, oracle::Revision::r2014);
  const auto plan = plan_for(prediction);
  const auto& unit = file(plan, "/run/systemd/system/container-plain.service").text;

  const auto exec_start = lines_starting(unit, "ExecStart=");
  BOOST_REQUIRE(exec_start.size() == 1U);
  BOOST_TEST(exec_start.front() == "ExecStart=" + store + "/bin/systemd-nspawn -M plain -D /var/lib/containers/plain "
                                   "--bind-ro=/nix /nix/var/nix/profiles/per-container/plain/init");
  // 2014's preStart has no `|| true`: a failing command fails the start.
  const auto pre_start = script(plan, "container-plain.service", "preStart");
  BOOST_TEST(!pre_start.ignore_failures);
  BOOST_TEST(pre_start.commands.front().front() == "mkdir");
  BOOST_TEST(plan.units.front().probe_state_dir == "/var/lib/containers/plain/ctrlab-probe");
  BOOST_TEST(has(plan.probe_copies, "/nix/var/nix/profiles/per-container/plain/init"));
}

BOOST_AUTO_TEST_CASE(auto_start_units_are_wanted_by_their_targets) {
  const std::string scenario = R"({"containers": {"a": {"autoStart": true, "path": "/nix/var/nix/profiles/per-container/a"}}})";
  const auto plan = plan_for(predict(scenario, oracle::Revision::r2022));
  BOOST_TEST(plan.units.front().start_targets == std::vector<std::string>{"machines.target"});
  const auto link = std::find_if(plan.symlinks.begin(), plan.symlinks.end(), [](const auto& l) {
    return l.path == "/run/systemd/system/machines.target.wants/container@a.service";
  });
  BOOST_REQUIRE(link != plan.symlinks.end());
  BOOST_TEST(link->target == "../container@a.service");
}

BOOST_AUTO_TEST_CASE(exec_words_are_quoted_so_systemd_reads_them_back_exactly) {
  oracle::Prediction prediction;
  auto& container = prediction.containers["q"];
  container.unitName = "container@q";
  container.nspawnArgv = {"/usr/bin/systemd-nspawn", "-D", "/var/lib/q", "--bind=/a b:/c", "--setenv", "X=%i $HOME \"q\"",
                          "/nix/store/x-container-init", "/init"};
  const auto plan = plan_for(prediction);
  const auto exec_start = lines_starting(file(plan, "/run/systemd/system/container@q.service").text, "ExecStart=");
  BOOST_TEST(exec_start == std::vector<std::string>{
                               "ExecStart=/usr/bin/systemd-nspawn -D /var/lib/q \"--bind=/a b:/c\" --setenv "
                               "\"X=%%i $$HOME \\\"q\\\"\" /nix/store/x-container-init /init"});
}

BOOST_AUTO_TEST_CASE(every_difference_from_a_nixos_host_is_listed_as_an_adaptation) {
  const auto plan = plan_for(predict(extra_veth, oracle::Revision::r2022));
  std::vector<std::string> what;
  for (const auto& adaptation : plan.adaptations) what.push_back(adaptation.what);
  const auto mentions = [&](const std::string& text) {
    return std::any_of(what.begin(), what.end(), [&](const auto& w) { return w.find(text) != std::string::npos; });
  };
  BOOST_TEST(mentions("symlink to this machine's /usr/bin/systemd-nspawn"));
  BOOST_TEST(mentions("ctrlab's probe instead of the module's container-init"));
  BOOST_TEST(mentions("/usr is created"));
  BOOST_TEST(mentions("through netlink"));
  BOOST_TEST(mentions("ctrlab-commands"));
  BOOST_TEST(mentions("/etc/resolv.conf"));
  for (const auto& adaptation : plan.adaptations) BOOST_TEST(!adaptation.why.empty());
}

BOOST_AUTO_TEST_CASE(writes_the_profiles_system_file_where_the_start_script_reads_it) {
  const auto prediction = predict(R"({"containers": {"old": {"path": "/nix/var/nix/profiles/per-container/old"},
      "new": {"path": "/nix/var/nix/profiles/per-container/new"}}, "profiles": {"old": {"system": "i686-linux"}}})",
                                  oracle::Revision::r2022);
  const auto plan = plan_for(prediction);
  BOOST_TEST(file(plan, "/nix/var/nix/profiles/per-container/old/system").text == "i686-linux");
  BOOST_TEST(file(plan, "/nix/var/nix/profiles/per-container/new/system").text == "x86_64-linux");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
