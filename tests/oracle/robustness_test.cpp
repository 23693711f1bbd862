// Bad input never crashes the oracle: every truncation and many corruptions of a valid
// scenario either parse (and then predict under every revision) or raise ScenarioError.
#include <boost/test/unit_test.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle.hpp"

using namespace ctrlab::oracle;

namespace {

const std::string scenario_text = R"({
  "description": "robustness",
  "host": { "stateVersion": "21.11", "kernelVersion": "5.8" },
  "containers": {
    "web": { "path": "/nix/var/nix/profiles/per-container/web", "privateNetwork": true,
             "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2/24", "autoStart": true,
             "forwardPorts": [ { "hostPort": 8080, "containerPort": 80 } ],
             "extraVeths": { "v1": { "hostBridge": "br1", "localAddress6": "fc00::2/64" } },
             "bindMounts": { "/srv": { "hostPath": "/data", "isReadOnly": false } },
             "tmpfs": ["/tmp"], "extraFlags": ["--private-users=pick"], "ephemeral": true },
    "old": { "path": "/p", "root": "/r" }
  },
  "probe": { "web": { "boots": [ { "action": "exit", "code": 3 } ] } }
})";

// Parses and, when valid, predicts every revision; returns false on any other exception.
bool handled(const std::string& text) {
  try {
    const Scenario scenario = parse_scenario_file(text, {.rejectUnknownOptions = false});
    for (const Revision revision : all_revisions) {
      const Prediction prediction = predict(scenario, revision);
      (void)to_json(prediction).dump();
      (void)summary_text(prediction);
    }
    return true;
  } catch (const ScenarioError&) {
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(robustness)

BOOST_AUTO_TEST_CASE(the_sample_itself_is_valid) { BOOST_CHECK_NO_THROW((void)parse_scenario_file(scenario_text)); }

BOOST_AUTO_TEST_CASE(every_truncation_is_refused_or_predicted) {
  for (std::size_t length = 0; length < scenario_text.size(); ++length) {
    BOOST_TEST(handled(scenario_text.substr(0, length)), "truncated at " << length);
  }
}

BOOST_AUTO_TEST_CASE(corrupted_bytes_are_refused_or_predicted) {
  std::mt19937 random(20240611);
  const std::string replacements = " \t\n\"'\\{}[],:0123456789-./*?$`#;abcxyzA\x01\xff";
  std::uniform_int_distribution<std::size_t> position(0, scenario_text.size() - 1);
  std::uniform_int_distribution<std::size_t> replacement(0, replacements.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text = scenario_text;
    for (int flips = 0; flips < 3; ++flips) text[position(random)] = replacements[replacement(random)];
    BOOST_TEST(handled(text), "round " << round);
  }
}

BOOST_AUTO_TEST_CASE(values_of_every_json_type_in_every_option_are_refused_or_predicted) {
  const auto document = nlohmann::json::parse(scenario_text);
  const std::vector<nlohmann::json> values = {nullptr, true, 0, -1, 70000, 1.5, "", "a b*", "fc00::1",
                                              nlohmann::json::array(), nlohmann::json::array({"x", 1}),
                                              nlohmann::json::object(), nlohmann::json::parse(R"({"hostPort": 1})")};
  for (const auto& [option, unused] : document["containers"]["web"].items()) {
    for (const auto& value : values) {
      auto variant = document;
      variant["containers"]["web"][option] = value;
      BOOST_TEST(handled(variant.dump()), option << " = " << value.dump());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
