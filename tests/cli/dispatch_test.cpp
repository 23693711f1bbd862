#include <boost/test/unit_test.hpp>

#include "run_program.hpp"

BOOST_AUTO_TEST_SUITE(dispatch)

BOOST_AUTO_TEST_CASE(help_lists_every_command_and_the_exit_codes) {
  const auto result = run_ctrlab({"--help"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out.find("usage: ctrlab COMMAND") != std::string::npos);
  BOOST_TEST(result.out.find("  predict ") != std::string::npos);
  BOOST_TEST(result.out.find("  report ") != std::string::npos);
  BOOST_TEST(result.out.find("Exit codes: 0 as predicted, 1 a verdict failed, 2 bad usage or input") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_command_is_a_usage_error) {
  const auto result = run_ctrlab({});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("usage: ctrlab COMMAND") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_command_is_named) {
  const auto result = run_ctrlab({"perdict"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.starts_with("ctrlab: unknown command 'perdict'"));
}

BOOST_AUTO_TEST_CASE(every_command_has_its_own_help) {
  for (const char* command : {"predict", "report", "compare", "snapshot", "check", "sim"}) {
    const auto result = run_ctrlab({command, "--help"});
    BOOST_TEST(result.exit_code == 0, command);
    BOOST_TEST(result.out.starts_with(std::string("usage: ctrlab ") + command), command);
  }
}

BOOST_AUTO_TEST_CASE(the_version_is_printed) {
  const auto result = run_ctrlab({"--version"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out.starts_with("ctrlab "));
}

BOOST_AUTO_TEST_SUITE_END()
