// A value the module pastes into its scripts unquoted, which bash then cannot read: where each
// revision's bash stops, what ran before, and what systemd and nspawn then do.
#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle.hpp"
#include "ctrlab/oracle/effects.hpp"
#include "prediction_support.hpp"

using namespace ctrlab::oracle;
using namespace prediction_support;

namespace {

const std::string routed = R"js("privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2")js";
const std::string veth_with_parentheses =
    routed + R"js(, "extraVeths": { "veth(1)": { "hostAddress": "10.1.0.1", "localAddress": "10.1.0.2" } })js";
const std::string paren_error = "syntax error near unexpected token `('";

std::vector<UnitScript> scripts_of(const ContainerPrediction& container) {
  std::vector<UnitScript> scripts;
  for (const auto& error : container.syntaxErrors) scripts.push_back(error.script);
  return scripts;
}

NetworkEffects effects_of(const Prediction& prediction) { return predict_effects(prediction, HostNetwork{}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(unreadable_scripts)

BOOST_AUTO_TEST_CASE(a_veth_name_with_parentheses_stops_prestart_after_the_commands_before_it) {
  for (const Revision revision : {Revision::r2018, Revision::r2021, Revision::r2022}) {
    BOOST_TEST_CONTEXT("revision " << to_string(revision)) {
      const auto container = web(predict_web(veth_with_parentheses, revision));
      BOOST_REQUIRE(!container.syntaxErrors.empty());
      const auto& first = container.syntaxErrors.front();
      BOOST_TEST(to_string(first.script) == "preStart");
      BOOST_TEST(first.message == paren_error);
      BOOST_TEST(first.optionPath == R"js(containers.web.extraVeths["veth(1)"])js");
      // machinectl terminate and the two `ip link del` of the veth pair ran; the extra veth's not.
      BOOST_TEST(container.hostOps.preStart->size() == 3U);
      // The start script writes the name in double quotes: bash reads it.
      BOOST_TEST(!container.nspawnArgv.empty());
      BOOST_TEST(contains(container.nspawnArgv, "--network-veth-extra=veth(1)"));
    }
  }
}

BOOST_AUTO_TEST_CASE(in_2018_the_name_stops_the_whole_private_network_block_it_sits_in) {
  const auto old = web(predict_web(veth_with_parentheses, Revision::r2018));
  BOOST_TEST((scripts_of(old) == std::vector{UnitScript::pre_start, UnitScript::container_init, UnitScript::post_start}));
  // The extra veths sit inside `if [ "$PRIVATE_NETWORK" = 1 ]; then ... fi`: none of it runs,
  // nor what follows (postStart's `machinectl show`).
  BOOST_TEST(old.hostOps.postStart->empty());
  BOOST_TEST(old.containerOps->empty());
  // 2021 on, they are top-level commands after the block: the block ran.
  const auto newer = web(predict_web(veth_with_parentheses, Revision::r2022));
  BOOST_TEST(newer.hostOps.postStart->size() == 3U);  // ve-web up, its address, its route
  BOOST_REQUIRE(newer.containerOps.has_value());
  BOOST_TEST(newer.containerOps->size() == 5U);  // eth0 named, up, address, two routes
  BOOST_TEST(newer.containerOps->back() != Argv{"stage-2-init"});
}

BOOST_AUTO_TEST_CASE(readable_names_leave_no_syntax_error) {
  const auto container = web(predict_web(
      routed + R"js(, "extraVeths": { "veth1": { "hostAddress": "10.1.0.1", "localAddress": "10.1.0.2" } })js", Revision::r2022));
  BOOST_TEST(container.syntaxErrors.empty());
  BOOST_TEST(container.containerOps->back() == Argv{"stage-2-init"});
}

BOOST_AUTO_TEST_CASE(an_extra_veths_bridge_with_shell_syntax_stops_only_poststart) {
  const auto container = web(predict_web(routed + R"js(, "extraVeths": { "veth1": { "hostBridge": "br(0)" } })js", Revision::r2022));
  BOOST_TEST((scripts_of(container) == std::vector{UnitScript::post_start}));
  BOOST_TEST(container.syntaxErrors.front().message == paren_error);
  BOOST_TEST(container.containerOps->back() == Argv{"stage-2-init"});
}

BOOST_AUTO_TEST_CASE(a_tmpfs_path_with_parentheses_stops_the_start_script_before_nspawn) {
  const auto prediction = predict_web(R"js("tmpfs": ["/var/(cache)"])js", Revision::r2022);
  const auto container = web(prediction);
  BOOST_TEST((scripts_of(container) == std::vector{UnitScript::start}));
  BOOST_TEST(container.syntaxErrors.front().optionPath == "containers.web.tmpfs");
  BOOST_TEST(container.nspawnArgv.empty());
  BOOST_TEST(!container.containerOps.has_value());
  BOOST_TEST(!container.hostOps.start->empty());  // the directories were made before
  const auto effects = effects_of(prediction);
  BOOST_TEST(effects.containers.at("web").unit_failure->find("stops before it runs systemd-nspawn") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(systemd_fails_the_start_at_prestart_and_nspawn_never_runs) {
  const auto effects = effects_of(predict_web(veth_with_parentheses, Revision::r2022));
  const auto& web_effects = effects.containers.at("web");
  BOOST_REQUIRE(web_effects.unit_failure.has_value());
  BOOST_TEST(web_effects.unit_failure->find("ExecStartPre= (preStart) fails") != std::string::npos);
  BOOST_TEST(web_effects.unit_failure->find("exits 2") != std::string::npos);
  BOOST_TEST(!web_effects.nspawn_runs);
  // Only the host's own links: no veth was made.
  BOOST_TEST(effects.running.host.find_link("ve-web") == nullptr);
  BOOST_TEST(!effects.running.containers.contains("web"));
}

BOOST_AUTO_TEST_CASE(in_2025_bash_n_refuses_the_script_when_it_is_built) {
  const auto prediction = predict_web(veth_with_parentheses, Revision::r2025);
  BOOST_REQUIRE(prediction.error.has_value());
  BOOST_TEST(prediction.error->message.find(paren_error) != std::string::npos);
  BOOST_TEST(prediction.error->message.find("preStart") != std::string::npos);
  const auto tmpfs = predict_web(R"js("tmpfs": ["/var/(cache)"])js", Revision::r2025);
  BOOST_REQUIRE(tmpfs.error.has_value());
  BOOST_TEST(tmpfs.error->optionPath == "containers.web.tmpfs");
}

BOOST_AUTO_TEST_SUITE_END()
