// Calibration files: the shipped ones parse, the format's rules hold, errors name JSON paths.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "ctrlab/sim/calibration.hpp"
#include "ctrlab/sim/input_error.hpp"

using namespace ctrlab::sim;
using namespace std::chrono_literals;

namespace {
std::string error_path(const std::string& text) {
  try {
    (void)parse_calibration(text);
  } catch (const InputError& error) {
    return error.path();
  }
  return "no error";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(calibration)

BOOST_AUTO_TEST_CASE(the_shipped_calibrations_parse) {
  for (const char* name : {"nixos-container", "probe", "issue-65001"}) {
    const Calibration calibration = builtin_calibration(name);
    BOOST_TEST(calibration.name == name);
    BOOST_TEST(calibration.cost(Phase::init_until_ready).cpu > 0us);
    BOOST_TEST(!calibration.description.empty());
  }
  BOOST_TEST(builtin_calibration("issue-65001").cores == 4U);
  BOOST_CHECK_THROW((void)builtin_calibration("nope"), InputError);
}

BOOST_AUTO_TEST_CASE(seconds_become_microseconds_and_missing_phases_cost_nothing) {
  const Calibration c = parse_calibration(R"({
    "cores": 8, "spread": 0.25, "seed": 42,
    "phases": {"nspawn_setup": {"cpu_seconds": 0.15, "latency_seconds": 0.0005}}
  })");
  BOOST_TEST(c.cores == 8U);
  BOOST_TEST(c.spread == 0.25);
  BOOST_TEST(c.seed == 42U);
  BOOST_TEST(c.cost(Phase::nspawn_setup).cpu == 150ms);
  BOOST_TEST(c.cost(Phase::nspawn_setup).latency == 500us);
  BOOST_TEST((c.cost(Phase::teardown) == PhaseCost{}));
}

BOOST_AUTO_TEST_CASE(crowding_is_read_and_written_back) {
  const Calibration c = parse_calibration(R"({"crowding_cpu_seconds": 0.004, "phases": {}})");
  BOOST_TEST(c.crowding_cpu == 4ms);
  BOOST_TEST(parse_calibration(calibration_document(c).dump()).crowding_cpu == 4ms);
  BOOST_TEST(parse_calibration(R"({"phases": {}})").crowding_cpu == 0us);
}

BOOST_AUTO_TEST_CASE(processes_are_read_and_written_back_one_where_unsaid) {
  const Calibration c = parse_calibration(R"({"phases": {"init_until_ready": {"cpu_seconds": 0.2, "processes": 3}}})");
  BOOST_TEST(c.cost(Phase::init_until_ready).processes == 3U);
  BOOST_TEST(c.cost(Phase::shutdown).processes == 1U);
  const auto document = calibration_document(c);
  BOOST_TEST(parse_calibration(document.dump()).cost(Phase::init_until_ready).processes == 3U);
  BOOST_TEST(!document.at("phases").at("shutdown").contains("processes"));  // files without it read as before
}

BOOST_AUTO_TEST_CASE(serial_work_waits_and_the_managers_reports_are_read_and_written_back) {
  const Calibration c = parse_calibration(
      R"({"phases": {"nspawn_setup": {"cpu_seconds": 0.05, "serial_cpu_seconds": 0.02, "serial_wait_seconds": 0.004},)"
      R"( "manager_event": {"cpu_seconds": 0.003}}})");
  BOOST_TEST(c.cost(Phase::nspawn_setup).serial == 20ms);
  BOOST_TEST(c.cost(Phase::nspawn_setup).serial_wait == 4ms);
  BOOST_TEST(c.cost(Phase::manager_event).cpu == 3ms);
  const auto document = calibration_document(c);
  BOOST_TEST((parse_calibration(document.dump()) == c));
  // Files without them read as before.
  BOOST_TEST(!document.at("phases").at("shutdown").contains("serial_cpu_seconds"));
  BOOST_TEST(!document.at("phases").at("shutdown").contains("serial_wait_seconds"));
  BOOST_TEST(error_path(R"({"phases": {"nspawn_setup": {"serial_cpu_seconds": -1}}})") ==
             "$.phases.nspawn_setup.serial_cpu_seconds");
  BOOST_TEST(error_path(R"({"phases": {"nspawn_setup": {"serial_wait_seconds": -1}}})") ==
             "$.phases.nspawn_setup.serial_wait_seconds");
}

BOOST_AUTO_TEST_CASE(errors_name_the_json_path) {
  BOOST_TEST(error_path(R"({"phases": {"shutdown": {"processes": 0}}})") == "$.phases.shutdown.processes");
  BOOST_TEST(error_path(R"({"phases": {"shutdown": {"processes": 1.5}}})") == "$.phases.shutdown.processes");
  BOOST_TEST(error_path(R"({"phases": {}, "crowding_cpu_seconds": -1})") == "$.crowding_cpu_seconds");
  BOOST_TEST(error_path("[]") == "$");
  BOOST_TEST(error_path("{") == "$");
  BOOST_TEST(error_path("{}") == "$.phases");
  BOOST_TEST(error_path(R"({"phases": {}, "core": 2})") == "$.core");
  BOOST_TEST(error_path(R"({"phases": {}, "cores": 0})") == "$.cores");
  BOOST_TEST(error_path(R"({"phases": {}, "cores": 2.5})") == "$.cores");
  BOOST_TEST(error_path(R"({"phases": {}, "spread": 1})") == "$.spread");
  BOOST_TEST(error_path(R"({"phases": {}, "seed": -1})") == "$.seed");
  BOOST_TEST(error_path(R"({"phases": {"boot": {}}})") == "$.phases.boot");
  BOOST_TEST(error_path(R"({"phases": {"shutdown": 3}})") == "$.phases.shutdown");
  BOOST_TEST(error_path(R"({"phases": {"shutdown": {"cpu": 3}}})") == "$.phases.shutdown.cpu");
  BOOST_TEST(error_path(R"({"phases": {"shutdown": {"cpu_seconds": "3"}}})") == "$.phases.shutdown.cpu_seconds");
  BOOST_TEST(error_path(R"({"phases": {"shutdown": {"latency_seconds": 1e9}}})") == "$.phases.shutdown.latency_seconds");
  BOOST_TEST(error_path(R"({"phases": {}, "name": 5})") == "$.name");
}

BOOST_AUTO_TEST_SUITE_END()
