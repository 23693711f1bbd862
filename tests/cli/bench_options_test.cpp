// ctrlab bench and ctrlab calibrate refuse bad options before anything boots: exit 2 and a
// message that names the option and what it takes.
#include <boost/test/unit_test.hpp>

#include "run_program.hpp"

namespace {

void refused(const std::vector<std::string>& args, const std::string& message) {
  const auto result = run_ctrlab(args);
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find(message) != std::string::npos, "stderr: " << result.err << " lacks: " << message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bench_and_calibrate_options)

BOOST_AUTO_TEST_CASE(bench_names_what_is_wrong_with_its_options) {
  refused({"bench"}, "say what to benchmark: ctrlab bench autostart");
  refused({"bench", "startup", "--containers", "3"}, "unknown benchmark 'startup'; the one there is: autostart");
  refused({"bench", "autostart"}, "--containers N is required");
  refused({"bench", "autostart", "--containers", "0"}, "--containers must be from 1 to 1000");
  refused({"bench", "autostart", "--containers", "1001"}, "--containers must be from 1 to 1000");
  refused({"bench", "autostart", "--containers", "ten"}, "option '--containers' expects a non-negative integer, got 'ten'");
  refused({"bench", "autostart", "--containers", "3", "--payload", "vm"}, "--payload must be probe or systemd, got 'vm'");
  refused({"bench", "autostart", "--containers", "3", "--revision", "2019"}, "--revision must be 2014, 2018, 2021, 2022 or 2025");
  refused({"bench", "autostart", "--containers", "3", "--timeout-start", "soon"},
          "--timeout-start expects a time span such as 15s, 2min or infinity, got 'soon'");
  refused({"bench", "autostart", "--containers", "3", "--timeout-start", "15s", "--revision", "2018"},
          "the module (revision 2018) refuses the containers: error: The option `containers.c0.timeoutStartSec' does not exist");
  refused({"bench", "autostart", "--containers", "3", "--repeat", "0"}, "--repeat must be from 1 to 100");
  refused({"bench", "autostart", "--containers", "3", "--settle-timeout", "0"}, "--settle-timeout must be from 1 to 86400 seconds");
  refused({"bench", "autostart", "--containers", "3", "--containres", "4"}, "did you mean '--containers'?");
}

BOOST_AUTO_TEST_CASE(bench_names_a_bad_calibration_file_and_the_json_path) {
  const TemporaryDirectory directory;
  const auto bad = directory.write("bad.json", R"({"cores": 0, "phases": {}})");
  refused({"bench", "autostart", "--containers", "3", "--calibration", bad.string()}, bad.string() + ": $.cores");
  refused({"bench", "autostart", "--containers", "3", "--calibration", (directory.path() / "none.json").string()},
          "none.json");
}

BOOST_AUTO_TEST_CASE(calibrate_names_what_is_wrong_with_its_options) {
  refused({"calibrate"}, "--out FILE is required");
  refused({"calibrate", "--out", "/tmp/x.json", "--at-once", "2,4"}, "--at-once must include 1");
  refused({"calibrate", "--out", "/tmp/x.json", "--at-once", "1,x"}, "--at-once expects numbers from 1 to 128");
  refused({"calibrate", "--out", "/tmp/x.json", "--payload", "nixos"}, "--payload must be probe or systemd");
  refused({"calibrate", "--out", "/tmp/x.json", "--repeat", "21"}, "--repeat must be from 1 to 20");
  refused({"calibrate", "--out", "/tmp/x.json", "extra"}, "unexpected argument 'extra'");
}

BOOST_AUTO_TEST_CASE(both_have_their_help_and_are_listed) {
  for (const char* command : {"bench", "calibrate"}) {
    const auto result = run_ctrlab({command, "--help"});
    BOOST_TEST(result.exit_code == 0, command);
    BOOST_TEST(result.out.starts_with(std::string("usage: ctrlab ") + command), command);
    BOOST_TEST(run_ctrlab({"--help"}).out.find(std::string("  ") + command + " ") != std::string::npos, command);
  }
}

BOOST_AUTO_TEST_SUITE_END()
