// ctrlab-commands' own mkdir, touch and cp: the same files, modes and contents as coreutils
// makes for the same argv, which the test runs beside them.
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "file_commands.hpp"

extern char** environ;

namespace ctrlab::probe {
namespace {

namespace fs = std::filesystem;

// A scratch directory per test, removed at the end.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("ctrlab-file-commands-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root / "ours");
    fs::create_directories(root / "coreutils");
  }
  ~Scratch() { fs::remove_all(root); }
};

int run_coreutils(const oracle::Argv& argv) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WEXITSTATUS(status);
}

// argv with every "{}" replaced by `base`.
oracle::Argv in(const fs::path& base, oracle::Argv argv) {
  for (auto& arg : argv) {
    if (const auto at = arg.find("{}"); at != std::string::npos) arg.replace(at, 2, base.string());
  }
  return argv;
}

mode_t mode_of(const fs::path& path) {
  struct stat status {};
  ::lstat(path.c_str(), &status);
  return status.st_mode;
}

// Both trees have the same entries with the same types, modes and contents.
void require_same_trees(const fs::path& ours, const fs::path& theirs) {
  std::vector<fs::path> ours_entries, their_entries;
  for (const auto& entry : fs::recursive_directory_iterator(ours)) ours_entries.push_back(fs::relative(entry.path(), ours));
  for (const auto& entry : fs::recursive_directory_iterator(theirs)) their_entries.push_back(fs::relative(entry.path(), theirs));
  std::sort(ours_entries.begin(), ours_entries.end());
  std::sort(their_entries.begin(), their_entries.end());
  BOOST_TEST(ours_entries == their_entries, boost::test_tools::per_element());
  for (const auto& entry : ours_entries) {
    BOOST_TEST_CONTEXT(entry) {
      BOOST_TEST(mode_of(ours / entry) == mode_of(theirs / entry));
      if (fs::is_regular_file(ours / entry)) {
        std::ifstream a(ours / entry), b(theirs / entry);
        BOOST_TEST(std::string(std::istreambuf_iterator<char>(a), {}) == std::string(std::istreambuf_iterator<char>(b), {}));
      }
    }
  }
}

void check_like_coreutils(const std::vector<oracle::Argv>& commands) {
  const Scratch scratch;
  for (const auto& command : commands) {
    const auto outcome = run_file_command(in(scratch.root / "ours", command));
    BOOST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->exit_status == run_coreutils(in(scratch.root / "coreutils", command)));
  }
  require_same_trees(scratch.root / "ours", scratch.root / "coreutils");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(file_commands)

BOOST_AUTO_TEST_CASE(the_start_scripts_commands_make_what_coreutils_makes) {
  check_like_coreutils({
      {"mkdir", "-p", "-m", "0755", "{}/root/etc", "{}/root/var/lib"},
      {"mkdir", "-p", "-m", "0700", "{}/root/var/lib/private", "{}/root/root", "{}/run/containers"},
      {"touch", "{}/root/etc/os-release"},
      {"touch", "{}/root/etc/machine-id"},
      {"mkdir", "-p", "-m", "0755", "{}/profiles/per-container/web", "{}/gcroots/per-container/web"},
      {"cp", "--remove-destination", "/etc/hostname", "{}/root/etc/resolv.conf"},
  });
}

BOOST_AUTO_TEST_CASE(running_them_again_changes_nothing_and_replaces_the_copy) {
  check_like_coreutils({
      {"mkdir", "-p", "-m", "0700", "{}/a/b"},
      {"mkdir", "-p", "-m", "0755", "{}/a/b"},  // an existing directory keeps its mode
      {"touch", "{}/a/b/f"},
      {"touch", "{}/a/b/f"},
      {"cp", "--remove-destination", "/etc/hostname", "{}/a/b/f"},
      {"cp", "--remove-destination", "/etc/hostname", "{}/a/b/f"},
  });
}

BOOST_AUTO_TEST_CASE(failures_exit_1_as_coreutils_does) {
  check_like_coreutils({
      {"touch", "{}/file"},
      {"mkdir", "-p", "-m", "0755", "{}/file/below"},  // a file in the way
      {"cp", "--remove-destination", "/nonexistent-ctrlab-source", "{}/copy"},
      {"touch", "{}/missing-directory/file"},
  });
  const auto outcome = run_file_command({"cp", "--remove-destination", "/nonexistent-ctrlab-source", "/tmp/x"});
  BOOST_TEST(outcome->message == "cp: cannot stat '/nonexistent-ctrlab-source': No such file or directory");
}

BOOST_AUTO_TEST_CASE(other_forms_are_left_to_the_real_program) {
  BOOST_TEST(!run_file_command({"mkdir", "/x"}).has_value());  // without -p
  BOOST_TEST(!run_file_command({"cp", "-a", "/x", "/y"}).has_value());
  BOOST_TEST(!run_file_command({"touch", "-d", "now", "/x"}).has_value());
  BOOST_TEST(!run_file_command({"machinectl", "terminate", "web"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::probe
