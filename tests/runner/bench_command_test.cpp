// `ctrlab bench autostart` and `ctrlab calibrate` for real, as a user runs them: a few
// containers, each payload; the JSON's figures consistent with each other (never against a
// timing threshold), the HTML page read by a real headless browser, a calibration the simulator
// accepts, and nothing left on the machine, also after Ctrl-C.
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ctrlab_process.hpp"
#include "host_state.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;

const fs::path source = CTRLAB_SOURCE_DIR;
const std::vector<std::string> figure_keys = {"p50", "p90", "p99", "max", "allReady"};

// A directory of its own under /tmp, removed afterwards.
struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& what)
      : path(fs::temp_directory_path() / ("ctrlab-" + what + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

// p50 <= p90 <= p99 <= max, allReady == max: what percentiles of one set of times must be.
void require_ordered(const nlohmann::json& figures, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    for (const auto& key : figure_keys) BOOST_TEST_REQUIRE(figures.at(key).is_number(), key);
    BOOST_TEST(figures.at("p50").get<double>() > 0);
    BOOST_TEST(figures.at("p50").get<double>() <= figures.at("p90").get<double>());
    BOOST_TEST(figures.at("p90").get<double>() <= figures.at("p99").get<double>());
    BOOST_TEST(figures.at("p99").get<double>() <= figures.at("max").get<double>());
    BOOST_TEST(figures.at("max").get<double>() == figures.at("allReady").get<double>());
  }
}

// The page as Debian's chromium renders it (no network, a profile of its own), as its DOM.
std::string rendered_dom(const fs::path& page, const fs::path& scratch) {
  return testing::capture_output({"chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                  "--no-first-run", "--user-data-dir=" + (scratch / "chromium-profile").string(),
                                  "--dump-dom", "file://" + page.string()});
}

// The bench for three containers: stdout's JSON is bench.json, its figures hang together, and
// the page shows a measured, a predicted and a bare curve with every container on each.
void bench_three_containers(const std::vector<std::string>& payload_option, const std::string& payload) {
  const auto host_before = testing::host_network();
  const Scratch scratch("bench-test-" + payload);
  std::vector<std::string> arguments = {"bench", "autostart", "--containers", "3", "--json", "--out", scratch.path.string(),
                                        "--calibration", (source / "sim/calibrations/probe.json").string()};
  arguments.insert(arguments.end(), payload_option.begin(), payload_option.end());
  testing::CtrlabProcess bench(arguments);
  const auto exit_code = bench.wait(std::chrono::seconds(600));
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_REQUIRE_MESSAGE(*exit_code == 0, "ctrlab bench exited " << *exit_code << ":\n" << bench.output());

  const auto written = nlohmann::json::parse(std::ifstream(scratch.path / "bench.json"));
  const auto output = bench.output();
  const auto printed = nlohmann::json::parse(output.substr(output.find("\n{") + 1));
  BOOST_TEST(printed == written);
  BOOST_TEST(written.at("containers") == 3);
  BOOST_TEST(written.at("payload") == payload);
  BOOST_TEST(written.at("revision") == "2025");  // the newest, the default
  BOOST_TEST(written.at("ready").get<double>() == 3.0);
  for (const auto* side : {"measured", "predicted", "bare", "bootFinished"}) require_ordered(written.at(side), side);
  for (const auto& key : figure_keys) {
    const double measured = written.at("measured").at(key).get<double>();
    const double predicted = written.at("predicted").at(key).get<double>();
    BOOST_TEST(written.at("errorPercent").at(key).get<double>() == (predicted - measured) / measured * 100,
               boost::test_tools::tolerance(1e-9));
  }
  for (const auto* count : {"timedOut", "restarts", "startLimitHits"}) {
    BOOST_TEST(written.at(count).get<double>() >= 0, count);
    BOOST_TEST(written.at(count).get<double>() <= 3 * 5, count);  // at most the start limit's burst each
  }
  const auto& run = written.at("runs").at(0);
  BOOST_TEST(run.at("ready").size() == 3U);
  BOOST_TEST(run.at("bare").size() == 3U);
  BOOST_TEST(run.at("problems").empty());

  const auto dom = rendered_dom(scratch.path / "bench.html", scratch.path);
  for (const auto* series : {"measured", "predicted", "bare"}) {
    BOOST_TEST(dom.find(std::string("data-series=\"") + series + "\" data-ready=\"3\"") != std::string::npos, series);
  }
  BOOST_TEST(dom.find("<svg") != std::string::npos);
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ctrlab_bench)

BOOST_AUTO_TEST_CASE(three_probe_containers_are_measured_against_bare_and_predicted) {
  bench_three_containers({"--payload", "probe"}, "probe");
}

// The default payload: each container boots this machine's systemd.
BOOST_AUTO_TEST_CASE(three_systemd_containers_are_measured_against_bare_and_predicted) {
  bench_three_containers({}, "systemd");
}

// One and two containers at once are enough for a file `ctrlab sim` takes, that says where it
// comes from.
BOOST_AUTO_TEST_CASE(calibrate_writes_a_calibration_the_simulator_accepts) {
  const Scratch scratch("calibrate-test");
  const auto file = (scratch.path / "machine.json").string();
  testing::CtrlabProcess calibrate({"calibrate", "--payload", "probe", "--at-once", "1,2", "--repeat", "1", "--out", file});
  const auto exit_code = calibrate.wait(std::chrono::seconds(600));
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_REQUIRE_MESSAGE(*exit_code == 0, "ctrlab calibrate exited " << *exit_code << ":\n" << calibrate.output());
  const auto calibration = nlohmann::json::parse(std::ifstream(file));
  const auto source_text = calibration.at("source").get<std::string>();
  BOOST_TEST(source_text.find("ctrlab calibrate --payload probe --at-once 1,2") != std::string::npos, source_text);
  BOOST_TEST(source_text.find("cores") != std::string::npos, source_text);
  BOOST_TEST(calibration.at("phases").at("init_until_ready").at("latency_seconds").get<double>() +
                 calibration.at("phases").at("init_until_ready").at("cpu_seconds").get<double>() >
             0);
  testing::CtrlabProcess sim({"sim", "--containers", "20", "--calibration", file, "--json"});
  BOOST_TEST((sim.wait(std::chrono::seconds(60)) == std::optional<int>(0)), sim.output());
  testing::require_nothing_left();
}

BOOST_AUTO_TEST_CASE(ctrl_c_in_the_middle_of_a_bench_exits_4_and_leaves_nothing) {
  const auto host_before = testing::host_network();
  testing::CtrlabProcess bench({"bench", "autostart", "--containers", "4", "--payload", "probe", "--repeat", "50",
                                "--calibration", (source / "sim/calibrations/probe.json").string()});
  BOOST_REQUIRE(testing::eventually([&] { return bench.output().find("run 2 of 50") != std::string::npos; },
                                    std::chrono::seconds(120)));
  bench.send(SIGINT);
  const auto exit_code = bench.wait(std::chrono::seconds(60));
  BOOST_REQUIRE(exit_code.has_value());
  BOOST_TEST(*exit_code == 4, bench.output());
  testing::require_nothing_left();
  BOOST_TEST((testing::host_network() == host_before));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
