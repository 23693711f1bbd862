#include <boost/test/unit_test.hpp>

#include <set>

#include "ctrlab/autostart/fleet.hpp"
#include "ctrlab/oracle/predict.hpp"

namespace ctrlab::autostart {

BOOST_AUTO_TEST_SUITE(fleet)

// As a real host declares them: each its own veth with addresses and a forwarded port, started
// at boot; the module renders every one with machines.target wanting it.
BOOST_AUTO_TEST_CASE(every_container_autostarts_with_its_own_veth_addresses_and_port) {
  const auto expected = expect_fleet({300, oracle::Revision::r2022, std::nullopt});
  BOOST_TEST(expected.rendering.containers.size() == 300U);
  std::set<std::string> host_addresses;
  for (const auto& [name, container] : expected.rendering.containers) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST((container.unit.wantedBy == std::vector<std::string>{"machines.target"}));
      const auto& argv = container.nspawnArgv;
      BOOST_TEST((std::find(argv.begin(), argv.end(), "--network-veth") != argv.end()));
      BOOST_TEST((std::count_if(argv.begin(), argv.end(), [](const auto& word) { return word.starts_with("--port=tcp:"); }) == 1));
      const auto& effects = expected.effects.containers.at(name);
      BOOST_TEST(effects.init_reaches_stage_2);
      BOOST_TEST(!effects.unit_failure.has_value());
    }
  }
  for (const auto& [name, container] : expected.rendering.containers) {
    BOOST_REQUIRE(container.envFile.has_value());
    const auto& text = container.envFile->text;
    const auto at = text.find("HOST_ADDRESS=");
    host_addresses.insert(text.substr(at, text.find('\n', at) - at));
  }
  BOOST_TEST(host_addresses.size() == 300U);  // no two share an address
}

BOOST_AUTO_TEST_CASE(the_start_timeout_is_the_modules_option) {
  const auto expected = expect_fleet({2, oracle::Revision::r2021, std::string("15s")});
  const auto& unit = expected.rendering.containers.at("c0").unit;
  BOOST_TEST((unit.serviceConfig.at("TimeoutStartSec") == oracle::UnitValue(std::string("15s"))));
  BOOST_CHECK_THROW((void)expect_fleet({2, oracle::Revision::r2018, std::string("15s")}), RequestError);
}

BOOST_AUTO_TEST_CASE(revision_2014_has_no_networking_and_still_autostarts) {
  const auto expected = expect_fleet({3, oracle::Revision::r2014, std::nullopt});
  BOOST_TEST(expected.rendering.containers.size() == 3U);
  BOOST_TEST(!expected.rendering.error.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::autostart
