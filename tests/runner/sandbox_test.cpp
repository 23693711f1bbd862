// The sandbox host: boots a private systemd in its own namespaces and leaves nothing behind.
#include <boost/test/unit_test.hpp>
#include <filesystem>

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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
