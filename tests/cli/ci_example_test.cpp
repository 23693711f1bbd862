// The example CI setups of docs/ci/: the lines marked "ctrlab-ci: check-shard" and
// "ctrlab-ci: merge-check" run here as the CI would run them, with two shards, and the merged
// report must equal the report of the whole suite checked at once.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "junit_schema.hpp"
#include "run_program.hpp"

namespace {

const std::filesystem::path source_directory = CTRLAB_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The command on the line after "# ctrlab-ci: MARK", without YAML's "run: " or "- ".
std::string marked_command(const std::string& file, const std::string& mark) {
  std::istringstream lines(read_file(source_directory / "docs/ci" / file));
  for (std::string line; std::getline(lines, line);) {
    if (line.find("# ctrlab-ci: " + mark) == std::string::npos) continue;
    std::string command;
    BOOST_REQUIRE(std::getline(lines, command));
    command = command.substr(command.find_first_not_of(' '));
    for (const std::string prefix : {"run: ", "- "}) {
      if (command.starts_with(prefix)) return command.substr(prefix.size());
    }
    BOOST_FAIL("the line after " << mark << " in " << file << " is not a command: " << command);
  }
  BOOST_FAIL("no line marked " << mark << " in " << file);
  return {};
}

std::string replaced(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [from, to] : values) {
    for (std::size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  }
  return text;
}

// Runs a command with sh in `directory`, with CTRLAB naming the built program and `environment`.
ProgramResult run_in(const std::filesystem::path& directory, const std::string& command,
                     const std::map<std::string, std::string>& environment = {}) {
  std::vector<std::string> argv{"env", std::string("CTRLAB=") + CTRLAB_PROGRAM};
  for (const auto& [name, value] : environment) argv.push_back(name + "=" + value);
  argv.insert(argv.end(), {"sh", "-c", "cd '" + directory.string() + "' && " + command});
  return run_program(argv);
}

nlohmann::json report_json(const std::filesystem::path& directory) {
  return nlohmann::json::parse(read_file(directory / "report.json"));
}

// A working copy as the CI sees it: the repository's scenarios, and snapshots of them.
void prepare(const TemporaryDirectory& work) {
  std::filesystem::create_directory_symlink(source_directory / "scenarios", work.path() / "scenarios");
  const auto snapshots = run_in(work.path(), "$CTRLAB snapshot scenarios --root scenarios --into snapshots");
  BOOST_REQUIRE_MESSAGE(snapshots.exit_code == 0, snapshots.err);
}

using Values = std::map<std::string, std::string>;

// Both shards, their merge, and the whole suite at once. A shard is told its number as the CI
// tells it: by expressions in the file replaced (GitHub), or by environment variables (GitLab).
void check_sharded_equals_whole(const std::string& file, const std::function<Values(int)>& expressions_of,
                                const std::function<Values(int)>& environment_of) {
  const TemporaryDirectory work;
  prepare(work);
  std::size_t cases_in_shards = 0;
  for (int shard = 1; shard <= 2; ++shard) {
    const auto command = replaced(marked_command(file, "check-shard"), expressions_of(shard));
    const auto result = run_in(work.path(), command, environment_of(shard));
    BOOST_REQUIRE_MESSAGE(result.exit_code == 0, command << ": " << result.err);
    const auto cases = report_json(work.path() / ("out/check-" + std::to_string(shard)))["cases"].size();
    BOOST_TEST(cases > 0U);
    cases_in_shards += cases;
  }
  const auto merge = run_in(work.path(), marked_command(file, "merge-check"));
  BOOST_REQUIRE_MESSAGE(merge.exit_code == 0, merge.err);
  const auto whole = run_in(work.path(), "$CTRLAB check scenarios --root scenarios --against snapshots --reports out/whole");
  BOOST_REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  const auto merged = report_json(work.path() / "out/check"), unsharded = report_json(work.path() / "out/whole");
  BOOST_TEST(merged["cases"].size() == cases_in_shards);
  BOOST_TEST(merged == unsharded);
  const auto breaches = report_test::junit_schema_breaches(read_file(work.path() / "out/check/junit.xml"));
  BOOST_TEST(breaches.empty(), breaches.size() << " breaches of junit-10.xsd");
  for (const char* name : {"junit.xml", "summary.md", "report.html"}) {
    BOOST_TEST(read_file(work.path() / "out/check" / name) == read_file(work.path() / "out/whole" / name), name);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ci_examples)

BOOST_AUTO_TEST_CASE(github_actions_shards_merge_into_the_unsharded_report) {
  check_sharded_equals_whole(
      "github-actions.yml",
      [](int shard) { return Values{{"${{ matrix.shard }}", std::to_string(shard)}, {"${{ strategy.job-total }}", "2"}}; },
      [](int) { return Values{}; });
}

BOOST_AUTO_TEST_CASE(gitlab_ci_shards_merge_into_the_unsharded_report) {
  check_sharded_equals_whole("gitlab-ci.yml", [](int) { return Values{}; }, [](int shard) {
    return Values{{"CI_NODE_INDEX", std::to_string(shard)}, {"CI_NODE_TOTAL", "2"}};
  });
}

BOOST_AUTO_TEST_SUITE_END()
