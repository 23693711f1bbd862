// What `ctrlab predict` does with input files that are not what they claim, or too much: it
// refuses them at once with exit 2 and says why, never blocks, never reads without bound.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "run_program.hpp"

BOOST_AUTO_TEST_SUITE(input_files)

BOOST_AUTO_TEST_CASE(a_fifo_is_refused_without_waiting_for_a_writer) {
  const TemporaryDirectory dir;
  const auto fifo = dir.path() / "scenario.json";
  BOOST_REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const auto result = run_ctrlab({"predict", fifo.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab predict: cannot read " + fifo.string() + ": a FIFO, not a regular file\n");
}

BOOST_AUTO_TEST_CASE(a_device_is_refused_without_reading_it) {
  const auto result = run_ctrlab({"predict", "/dev/zero"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab predict: cannot read /dev/zero: a character device, not a regular file\n");
}

BOOST_AUTO_TEST_CASE(a_file_over_64_mib_is_refused_before_it_is_read) {
  const TemporaryDirectory dir;
  const auto file = dir.write("huge.json", "{}");
  std::filesystem::resize_file(file, 64ULL * 1024 * 1024 + 1);  // sparse: no disk is used
  const auto result = run_ctrlab({"predict", file.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab predict: cannot read " + file.string() + ": larger than 64 MiB, the most ctrlab reads\n");
  std::filesystem::resize_file(file, 64ULL * 1024 * 1024);  // at the limit: read, and refused as JSON
  const auto at_limit = run_ctrlab({"predict", file.string()});
  BOOST_TEST(at_limit.exit_code == 2);
  BOOST_TEST(at_limit.err.find("a NUL byte at line 1, column 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_symbolic_link_loop_in_a_scenario_folder_is_named) {
  const TemporaryDirectory dir;
  static_cast<void>(dir.write("good.json", R"({ "containers": {} })"));
  std::filesystem::create_symlink("loop.json", dir.path() / "loop.json");
  const auto result = run_ctrlab({"predict", dir.path().string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err == "ctrlab predict: cannot read " + (dir.path() / "loop.json").string() +
                               ": Too many levels of symbolic links\n");
  const auto given = run_ctrlab({"predict", (dir.path() / "loop.json").string()});
  BOOST_TEST(given.exit_code == 2);
  BOOST_TEST(given.err.find("Too many levels of symbolic links") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(numbers_out_of_range_and_nul_bytes_are_input_errors_with_a_place) {
  const TemporaryDirectory dir;
  auto result = run_ctrlab({"predict", dir.write("big.json", R"({ "containers": { "web": { "path": "/p",
      "forwardPorts": [ { "hostPort": 1e400 } ] } } })").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("big.json: containers.web.forwardPorts[0].hostPort: number overflow parsing '1e400' "
                             "(expected a number within a double's range (up to about 1.8e308))") != std::string::npos);
  result = run_ctrlab({"predict", dir.write("nul.json", std::string(R"({ "containers": {} })") + '\0' + "x").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("nul.json: a NUL byte at line 1, column 21") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
