// The sandbox host: boots a private systemd in its own namespaces and leaves nothing behind.
#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ctrlab/runner/leftovers.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "host_state.hpp"

namespace ctrlab::runner {

BOOST_AUTO_TEST_SUITE(sandbox_lifecycle)

BOOST_AUTO_TEST_CASE(boots_a_private_systemd_and_taking_it_down_leaves_nothing) {
  const auto host_before = testing::host_network();
  std::string machine;
  {
    Sandbox sandbox;
    machine = sandbox.machine_name();
    BOOST_TEST(machine.starts_with("ctrlab-sandbox-"));
    BOOST_TEST(sandbox.leader_pid() > 0);
    BOOST_TEST(sandbox.files().exists("/run/dbus/system_bus_socket"));
    BOOST_TEST(sandbox.files().exists("/run/ctrlab/bin"));
    // Its network namespace is its own.
    BOOST_TEST(std::filesystem::read_symlink(sandbox.netns_path()) != std::filesystem::read_symlink("/proc/self/ns/net"));
    BOOST_TEST(!find_sandbox_artifacts(machine).empty());
  }
  const auto left = find_sandbox_artifacts(machine);
  for (const auto& leftover : left) BOOST_TEST_MESSAGE("left: " << leftover.kind << " " << leftover.what);
  BOOST_TEST(left.empty());
  BOOST_TEST((testing::host_network() == host_before));
}

// Descriptors of the process that are not close-on-exec (std::filesystem::copy_file and
// std::fstream open theirs so) reach none of the sandbox's processes: with sandboxes side by
// side, one sandbox's nspawn held the write end of a tool the other was copying, and exec of
// that tool failed with ETXTBSY for the whole run.
BOOST_AUTO_TEST_CASE(an_inheritable_descriptor_of_the_runner_reaches_neither_nspawn_nor_commands_inside) {
  const auto file = std::filesystem::temp_directory_path() / ("ctrlab-inheritable-" + std::to_string(::getpid()));
  constexpr int inheritable = 200;
  const int opened = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);  // no O_CLOEXEC, on purpose
  BOOST_REQUIRE(opened >= 0);
  BOOST_REQUIRE(::dup2(opened, inheritable) == inheritable);
  ::close(opened);
  {
    Sandbox sandbox;
    std::istringstream status(
        (std::stringstream() << std::ifstream("/proc/" + std::to_string(sandbox.leader_pid()) + "/status").rdbuf()).str());
    std::string nspawn_pid;
    for (std::string line; std::getline(status, line);) {
      if (line.starts_with("PPid:")) nspawn_pid = line.substr(line.find_first_not_of(" \t", 5));
    }
    BOOST_REQUIRE(!nspawn_pid.empty());
    std::size_t holders = 0;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/" + nspawn_pid + "/fd")) {
      std::error_code error;
      if (std::filesystem::read_symlink(fd.path(), error) == file) ++holders;
    }
    BOOST_TEST(holders == 0U);
    const auto descriptors = sandbox.run_inside({"/usr/bin/ls", "/proc/self/fd"}, std::chrono::seconds(10));
    BOOST_TEST(descriptors.find(std::to_string(inheritable)) == std::string::npos, descriptors);
  }
  ::close(inheritable);
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
