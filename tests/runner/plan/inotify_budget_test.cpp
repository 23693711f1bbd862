// How many containers a sandbox can boot, and how many sandboxes side by side, before root's
// inotify instances run out.
#include <boost/test/unit_test.hpp>
#include <cstdint>

#include "ctrlab/runner/inotify_budget.hpp"

namespace ctrlab::runner {

BOOST_AUTO_TEST_SUITE(inotify_instances)

BOOST_AUTO_TEST_CASE(probes_need_only_the_sandbox_and_systemd_containers_need_their_own) {
  BOOST_TEST(inotify_instances_needed(Payload::probe, 500) == sandbox_inotify_instances);
  BOOST_TEST(inotify_instances_needed(Payload::systemd, 10) ==
             sandbox_inotify_instances + 10 * systemd_container_inotify_instances);
}

BOOST_AUTO_TEST_CASE(what_fits_is_accepted_without_a_word) {
  BOOST_TEST(inotify_shortfall({128, 20}, Payload::systemd, 3).empty());
  BOOST_TEST(inotify_shortfall({128, 100}, Payload::probe, 1000).empty());
  BOOST_TEST(inotify_shortfall({0, 500}, Payload::systemd, 100).empty());  // no limit readable: no check
}

BOOST_AUTO_TEST_CASE(too_many_systemd_containers_are_refused_with_how_many_fit_and_the_way_out) {
  const auto text = inotify_shortfall({128, 12}, Payload::systemd, 100);
  BOOST_TEST(text.find("100 container(s) with the systemd payload need about 408 inotify instances") != std::string::npos, text);
  BOOST_TEST(text.find("116 left (fs.inotify.max_user_instances = 128") != std::string::npos, text);
  BOOST_TEST(text.find("At most 27 fit now") != std::string::npos, text);
  BOOST_TEST(text.find("sysctl fs.inotify.max_user_instances=840") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_machine_with_nothing_left_cannot_boot_even_probes) {
  const auto text = inotify_shortfall({128, 124}, Payload::probe, 3);
  BOOST_TEST(text.find("4 left") != std::string::npos, text);
  BOOST_TEST(text.find("At most") == std::string::npos, text);
}

// `ctrlab run --jobs N`: N sandbox hosts, each needing its own instances.
BOOST_AUTO_TEST_CASE(sandboxes_side_by_side_need_their_instances_each_and_are_refused_with_how_many_fit) {
  BOOST_TEST(inotify_instances_needed(Payload::probe, 5, 3) == 3 * sandbox_inotify_instances);
  BOOST_TEST(sandboxes_that_fit({128, 100}, Payload::probe, 0) == 28 / sandbox_inotify_instances);
  BOOST_TEST(sandboxes_that_fit({128, 130}, Payload::probe, 0) == 0U);
  BOOST_TEST(sandboxes_that_fit({0, 500}, Payload::probe, 0) == SIZE_MAX);  // no limit readable: no bound
  BOOST_TEST(inotify_shortfall({128, 100}, Payload::probe, 0, 3).empty());
  const auto text = inotify_shortfall({128, 100}, Payload::probe, 0, 4);
  BOOST_TEST(text.find("4 sandbox hosts side by side need about 32 inotify instances, and this machine has 28 left") !=
                 std::string::npos, text);
  BOOST_TEST(text.find("At most 3 sandbox host(s) fit now; use --jobs 3") != std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::runner
