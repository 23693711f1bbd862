// parse_mountinfo(): reading a container's mounts from /proc/PID/mountinfo. Pure.
#include <boost/test/unit_test.hpp>

#include "ctrlab/runner/mountinfo.hpp"

namespace ctrlab::runner {

BOOST_AUTO_TEST_SUITE(mountinfo)

BOOST_AUTO_TEST_CASE(each_line_gives_the_mount_point_its_own_read_only_flag_and_the_type) {
  const auto mounts = parse_mountinfo(
      "590 589 0:52 / / rw,relatime shared:300 - ext4 /dev/vda1 rw\n"
      "600 590 0:60 / /var rw,nosuid,nodev shared:301 - tmpfs tmpfs rw,size=10%\n"
      "601 590 8:1 /nix/store /nix/store ro,relatime master:1 propagate_from:2 - ext4 /dev/vda1 rw\n");
  BOOST_REQUIRE(mounts.size() == 3U);
  BOOST_TEST(mounts[1].mount_point == "/var");
  BOOST_TEST(mounts[1].fstype == "tmpfs");
  BOOST_TEST(!mounts[1].read_only);
  // Optional fields of any number come before the separator.
  BOOST_TEST(mounts[2].mount_point == "/nix/store");
  BOOST_TEST(mounts[2].fstype == "ext4");
  BOOST_TEST(mounts[2].read_only);
}

BOOST_AUTO_TEST_CASE(escaped_characters_in_mount_points_are_restored) {
  const auto mounts = parse_mountinfo("602 590 0:61 / /srv/my\\040data rw - tmpfs tmpfs rw\n");
  BOOST_REQUIRE(mounts.size() == 1U);
  BOOST_TEST(mounts[0].mount_point == "/srv/my data");
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_skipped) {
  BOOST_TEST(parse_mountinfo("garbage\n603 590 0:62 / /x rw shared:1\n").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
