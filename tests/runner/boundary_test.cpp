// The sandbox as a security boundary: hostile scenarios, run for real by `ctrlab run` as CI runs
// a pull request's scenarios, try to reach this machine's disk and files. Each attempt must run
// (its own output shows in the report) and leave no trace on the host; specs that name "/" must
// leave the suite intact.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "ctrlab_process.hpp"
#include "host_state.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A directory of the test's own on the host, which every escape below aims at, and beside it
// the scenarios and reports of the run.
class HostTarget {
 public:
  explicit HostTarget(const std::string& name)
      : directory_(fs::temp_directory_path() / ("ctrlab-boundary-" + name + "-" + std::to_string(::getpid()))),
        run_directory_(directory_.string() + "-run") {
    for (const auto& each : {directory_, run_directory_}) {
      fs::remove_all(each);
      fs::create_directories(each);
    }
  }
  ~HostTarget() {
    fs::remove_all(directory_);
    fs::remove_all(run_directory_);
  }
  HostTarget(const HostTarget&) = delete;
  HostTarget& operator=(const HostTarget&) = delete;

  [[nodiscard]] const fs::path& path() const { return directory_; }
  [[nodiscard]] const fs::path& run_path() const { return run_directory_; }
  [[nodiscard]] fs::path escaped_marker() const { return directory_ / "ESCAPED"; }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(directory_)) names.push_back(entry.path().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path directory_;
  fs::path run_directory_;
};

// The block device this machine's root file system lives on, as `mknod` takes it.
std::string root_device_numbers() {
  struct stat root {};
  BOOST_REQUIRE(::stat("/", &root) == 0);
  return std::to_string(major(root.st_dev)) + " " + std::to_string(minor(root.st_dev));
}

// What a hostile script prints when one of its attempts got through.
const std::vector<std::string> breaches = {"ctrlab-boundary-breach-device-node", "ctrlab-boundary-breach-disk-mounted",
                                           "ctrlab-boundary-breach-usr-writable", "ctrlab-boundary-breach-tools-writable"};

// Shell text that tries every way out this test knows, says which got through, and then says
// it tried: create the machine's disk as a device node and mount it (then write the target
// there), remount the machine's /usr writable, write into the tools the runner shares, and
// plainly write the host path (which names the sandbox's own /tmp if the boundary holds).
// `space` separates words: " ", or "${IFS}" where the text must survive the module's word
// splitting as one word.
std::string escape_attempts(const HostTarget& target, const std::string& said, const std::string& space = " ") {
  const auto marker = target.escaped_marker().string();
  const std::string script =
      "mknod /ctrlab-disk b " + root_device_numbers() + " && echo " + breaches[0] + "; mkdir -p /ctrlab-disk-mount; " +
      "mount /ctrlab-disk /ctrlab-disk-mount && echo " + breaches[1] + " && touch /ctrlab-disk-mount" + marker + "; " +
      "mount -o remount,rw /usr && echo " + breaches[2] + "; " +
      "touch /run/ctrlab/bin/ctrlab-boundary && echo " + breaches[3] + "; " +
      "touch " + marker + "; echo " + said + "; exit 3";
  std::string spaced;
  for (const char c : script) spaced += c == ' ' ? space : std::string(1, c);
  return spaced;
}

json routed_container(const std::string& name) {
  return {{"autoStart", true}, {"path", "/nix/var/nix/profiles/per-container/" + name}};
}

struct RunResult {
  int exit_code = -1;
  std::string output;
  json report;
  std::vector<std::string> journal_lines;  // of every unit of every case
};

// Whether some unit printed `line` (alone on its line: not a command line that contains it).
bool printed(const RunResult& run, const std::string& line) {
  return std::find(run.journal_lines.begin(), run.journal_lines.end(), line) != run.journal_lines.end();
}

std::vector<std::string> journal_lines_of(const fs::path& cases) {
  std::vector<std::string> lines;
  if (!fs::is_directory(cases)) return lines;  // the run broke before any case; the checks say so
  for (const auto& file : fs::directory_iterator(cases)) {
    const auto recorded = json::parse(std::ifstream(file.path()));
    for (const auto& [unit, log] : recorded.at("unitLogs").items()) {
      std::istringstream text(log.get<std::string>());
      for (std::string line; std::getline(text, line);) lines.push_back(line);
    }
  }
  return lines;
}

RunResult run_scenarios(const HostTarget& target) {
  const auto& directory = target.run_path();
  const auto out = directory / "out";
  testing::CtrlabProcess run({"run", (directory / "scenarios").string(), "--out", out.string()});
  const auto exit_code = run.wait(std::chrono::seconds(300));
  BOOST_TEST_MESSAGE(run.output());
  BOOST_REQUIRE(exit_code.has_value());
  std::ifstream report(out / "report.json");
  RunResult result{*exit_code, run.output(), report ? json::parse(report) : json::object(), journal_lines_of(out / "cases")};
  fs::remove_all(out);
  return result;
}

void write_scenario(const HostTarget& target, const std::string& name, const json& scenario) {
  const auto& directory = target.run_path();
  fs::create_directories(directory / "scenarios");
  std::ofstream(directory / "scenarios" / (name + ".json")) << scenario.dump(2);
}

void require_no_escape(const HostTarget& target, const RunResult& run, const std::string& said) {
  BOOST_TEST(!fs::exists(target.escaped_marker()));
  for (const auto& breach : breaches) BOOST_TEST(!printed(run, breach));
  BOOST_TEST(printed(run, said), "the attempt did not run: " << said);
  BOOST_TEST(run.exit_code == 1, "ctrlab run exited " << run.exit_code);
  testing::require_nothing_left();
}

std::string attempt_tag(const std::string& name) { return "ctrlab-boundary-attempt-" + name + "-ran"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(sandbox_boundary)

// A newline in an option NixOS renders into the unit file becomes a directive of its own: here
// an ExecStartPre= the sandbox's systemd runs as root.
BOOST_AUTO_TEST_CASE(a_directive_injected_into_the_unit_file_runs_but_cannot_reach_the_host) {
  const HostTarget target("injected-directive");
  const auto tag = attempt_tag("injected-directive");
  auto container = routed_container("evil");
  container["timeoutStartSec"] = "1min\nExecStartPre=/bin/sh -c \"" + escape_attempts(target, tag) + "\"";
  write_scenario(target, "injected", {{"revisions", {"2022"}}, {"containers", {{"evil", container}}}});
  require_no_escape(target, run_scenarios(target), tag);
}

// extraFlags alone turn the container into the sandbox's own root with every capability and a
// shell of the scenario's choosing as its init.
BOOST_AUTO_TEST_CASE(extra_flags_that_make_nspawn_run_a_shell_on_the_sandbox_root_cannot_reach_the_host) {
  const HostTarget target("extra-flags");
  const auto tag = attempt_tag("extra-flags");
  auto container = routed_container("evil");
  container["extraFlags"] = {"-D", "/", "--volatile=yes", "--capability=all", "/usr/bin/sh", "-c",
                             escape_attempts(target, tag, "${IFS}")};
  write_scenario(target, "flags", {{"revisions", {"2022"}}, {"containers", {{"evil", container}}}});
  require_no_escape(target, run_scenarios(target), tag);
}

// The runner cleans up and installs through paths inside the sandbox. A symlink the sandbox
// plants there, absolute, would resolve against the host's root if the runner followed it from
// /proc/PID/root: its clean-up would delete host files and the next scenario's units would be
// written onto the host.
BOOST_AUTO_TEST_CASE(symlinks_planted_in_the_sandbox_lead_the_runner_to_no_host_file) {
  const HostTarget target("planted-symlinks");
  const auto tag = attempt_tag("planted-symlinks");
  fs::create_directories(target.path() / "lib" / "nixos-containers");
  std::ofstream(target.path() / "lib" / "nixos-containers" / "precious") << "must survive\n";
  fs::create_directories(target.path() / "units");
  const auto before = target.entries();

  // The planted directories exist in the sandbox too (copies of what they replace), so that
  // the sandbox's systemd goes on working and the next scenario is installed through them.
  const auto units = (target.path() / "units").string();
  const auto lib = (target.path() / "lib").string();
  auto planter = routed_container("planter");
  planter["timeoutStartSec"] = "1min\nExecStartPre=/bin/sh -c \"mkdir -p " + units + " " + lib + " && cp -a /run/systemd/system/. " +
                               units + " && rm -rf /run/systemd/system && ln -s " + units + " /run/systemd/system && cp -a /var/lib/. " +
                               lib + " && rm -rf /var/lib && ln -s " + lib + " /var/lib; echo " + tag + "; exit 3\"";
  write_scenario(target, "a-plant", {{"revisions", {"2022"}}, {"containers", {{"planter", planter}}}});
  write_scenario(target, "b-install-after", {{"revisions", {"2022"}}, {"containers", {{"later", routed_container("later")}}}});
  const auto run = run_scenarios(target);

  BOOST_TEST(printed(run, tag), "the planting did not run");
  BOOST_TEST(target.entries() == before, "the host directory changed");
  BOOST_TEST(run.exit_code == 1);
  BOOST_REQUIRE(run.report.contains("cases"));
  const auto& cases = run.report.at("cases");
  BOOST_REQUIRE(cases.size() == 2U);
  BOOST_TEST(cases.at(1).at("status").get<std::string>() == "passed", cases.at(1).dump(2));
  testing::require_nothing_left();
}

// A bind mount of "/" and a container whose root is "/" name what the runner did not create:
// it removes none of it, and the scenarios after them run as before.
BOOST_AUTO_TEST_CASE(specs_naming_the_root_leave_the_suite_intact) {
  const HostTarget target("root-specs");
  auto bind_root = routed_container("bindroot");
  bind_root["bindMounts"] = {{"/host", {{"hostPath", "/"}, {"isReadOnly", false}}}};
  auto root_dir = routed_container("rootdir");
  root_dir["extraFlags"] = {"-D", "/"};
  write_scenario(target, "a-bind-root", {{"revisions", {"2022"}}, {"containers", {{"bindroot", bind_root}}}});
  write_scenario(target, "b-root-dir", {{"revisions", {"2022"}}, {"containers", {{"rootdir", root_dir}}}});
  write_scenario(target, "c-steady", {{"revisions", {"2022"}}, {"containers", {{"steady", routed_container("steady")}}}});
  const auto run = run_scenarios(target);

  BOOST_REQUIRE(run.report.contains("cases"));
  const auto& cases = run.report.at("cases");
  BOOST_REQUIRE(cases.size() == 3U);
  BOOST_TEST(cases.at(0).at("status").get<std::string>() == "passed");
  BOOST_TEST(cases.at(2).at("scenario").get<std::string>() == "c-steady");
  BOOST_TEST(cases.at(2).at("status").get<std::string>() == "passed", cases.at(2).dump(2));
  testing::require_nothing_left();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
