// What the sandbox host cannot run: containers whose own user namespace maps ids above 0.
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

BOOST_AUTO_TEST_CASE(a_container_whose_ids_start_above_0_cannot_run_and_says_why) {
  for (const auto* flags : {R"(["--private-users=pick"])", R"(["-U"])", R"(["--private-users=65536:65536"])",
                            R"(["--private-users=1"])"}) {
    BOOST_TEST_CONTEXT(flags) {
      const auto why = sandbox_limits::why_it_cannot_run(with_extra_flags(flags));
      BOOST_REQUIRE(why.has_value());
      BOOST_TEST(why->starts_with("container web runs with a user namespace of its own whose ids start above 0"));
      BOOST_TEST(why->find("mknod(.../dev/null) failed: Operation not permitted") != std::string::npos);
    }
  }
  const auto pick = sandbox_limits::why_it_cannot_run(with_extra_flags(R"(["-U"])"));
  BOOST_TEST(pick->find("Failed to set up ID mapped mounts: Operation not permitted") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(containers_whose_ids_start_at_0_or_in_the_sandboxs_namespace_run) {
  for (const auto* flags : {R"([])", R"(["--private-users=no"])", R"(["--private-users=pick", "--private-users=false"])",
                            R"(["--private-users=identity"])", R"(["--private-users=0"])", R"(["--private-users=0:65536"])",
                            R"(["--private-users"])", R"(["--private-users=0x10000000:65536"])"}) {
    BOOST_TEST_CONTEXT(flags) { BOOST_TEST(!sandbox_limits::why_it_cannot_run(with_extra_flags(flags)).has_value()); }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
