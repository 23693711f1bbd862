// What the sandbox host cannot run: containers with a user namespace of their own.
#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/runner/sandbox_limits.hpp"

namespace ctrlab::runner {
namespace {

oracle::Expectation with_extra_flags(const std::string& flags) {
  const auto scenario = oracle::parse_scenario_file(R"({"containers": {"web": {"extraFlags": )" + flags +
                                                    R"(, "path": "/nix/var/nix/profiles/per-container/web"}}})");
  return oracle::expect(oracle::predict(scenario, oracle::Revision::r2022), {});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sandbox_limits_of_the_boundary)

BOOST_AUTO_TEST_CASE(a_container_in_its_own_user_namespace_cannot_run_and_says_why) {
  for (const auto* flags : {R"(["--private-users=pick"])", R"(["-U"])", R"(["--private-users"])", R"(["--private-users=0"])",
                            R"(["--private-users=65536:65536"])", R"(["--private-users=identity"])"}) {
    BOOST_TEST_CONTEXT(flags) {
      const auto why = sandbox_limits::why_it_cannot_run(with_extra_flags(flags));
      BOOST_REQUIRE(why.has_value());
      BOOST_TEST(why->starts_with("container web runs with a user namespace of its own"));
    }
  }
}

BOOST_AUTO_TEST_CASE(containers_in_the_sandboxs_user_namespace_run) {
  for (const auto* flags : {R"([])", R"(["--private-users=no"])", R"(["--private-users=pick", "--private-users=false"])"}) {
    BOOST_TEST_CONTEXT(flags) { BOOST_TEST(!sandbox_limits::why_it_cannot_run(with_extra_flags(flags)).has_value()); }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
