// nspawn's exit-status mapping and the options read from its argv (docs/design.md).
#include <boost/test/unit_test.hpp>

#include "ctrlab/sim/nspawn.hpp"

using namespace ctrlab::sim;

namespace {
NspawnOptions with_keep_unit(bool keep) {
  NspawnOptions options;
  options.keep_unit = keep;
  return options;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(nspawn_exit_mapping)

BOOST_AUTO_TEST_CASE(exit_n_gives_n) {
  for (const int status : {0, 1, 7, 42, 132, 134, 255}) {
    const auto reaction = nspawn_reaction(ContainerEnd::exit_with(status), with_keep_unit(true));
    BOOST_TEST(!reaction.runs_container_again);
    BOOST_TEST(reaction.exit_status == status);
  }
}

BOOST_AUTO_TEST_CASE(exit_133_gives_1_because_133_is_reserved) {
  BOOST_TEST(nspawn_reaction(ContainerEnd::exit_with(133), with_keep_unit(true)).exit_status == 1);
  BOOST_TEST(nspawn_reaction(ContainerEnd::exit_with(133), with_keep_unit(false)).exit_status == 1);
}

BOOST_AUTO_TEST_CASE(reboot_gives_133_with_keep_unit) {
  const auto reaction = nspawn_reaction(ContainerEnd::reboot(), with_keep_unit(true));
  BOOST_TEST(!reaction.runs_container_again);
  BOOST_TEST(reaction.exit_status == 133);
}

BOOST_AUTO_TEST_CASE(reboot_without_keep_unit_runs_the_container_again) {
  BOOST_TEST(nspawn_reaction(ContainerEnd::reboot(), with_keep_unit(false)).runs_container_again);
}

BOOST_AUTO_TEST_CASE(poweroff_and_halt_give_0) {
  BOOST_TEST(nspawn_reaction(ContainerEnd::poweroff(), with_keep_unit(true)).exit_status == 0);
  BOOST_TEST(nspawn_reaction(ContainerEnd::poweroff(), with_keep_unit(false)).exit_status == 0);
}

BOOST_AUTO_TEST_CASE(other_signals_give_1) {
  for (const auto signal : {signals::kill, signals::terminate, signals::segv, signals::user1}) {
    BOOST_TEST(nspawn_reaction(ContainerEnd::killed_by(signal), with_keep_unit(true)).exit_status == 1);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nspawn_argv)

BOOST_AUTO_TEST_CASE(the_2022_argv) {
  const auto options = nspawn_options_from_argv(
      {"/nix/store/x-systemd/bin/systemd-nspawn", "--keep-unit", "-M", "slow", "-D", "/var/lib/nixos-containers/slow",
       "--notify-ready=yes", "--kill-signal=SIGRTMIN+3", "--bind-ro=/nix/store", "--setenv", "PRIVATE_NETWORK=",
       "/nix/store/y-container-init", "/nix/var/nix/profiles/per-container/slow/init"});
  BOOST_TEST(options.keep_unit);
  BOOST_TEST(!options.boot);
  BOOST_TEST(options.notify_ready);
  BOOST_TEST(options.kill_signal.value().number == signals::rtmin_plus_3.number);
  BOOST_TEST(options.effective_kill_signal().value().number == signals::rtmin_plus_3.number);
  BOOST_TEST(!options.argv_error);
}

BOOST_AUTO_TEST_CASE(the_2014_argv_has_no_kill_signal) {
  const auto options =
      nspawn_options_from_argv({"systemd-nspawn", "-M", "plain", "-D", "/var/lib/containers/plain", "--bind-ro=/nix",
                                "/nix/var/nix/profiles/per-container/plain/init"});
  BOOST_TEST(!options.keep_unit);
  BOOST_TEST(!options.notify_ready);
  BOOST_TEST(!options.effective_kill_signal());
}

BOOST_AUTO_TEST_CASE(boot_implies_sigrtmin_plus_3_and_an_explicit_signal_wins) {
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "-b"}).effective_kill_signal().value().number == 37);
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "-qbM", "name"}).boot);  // bundled short options
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--boot", "--kill-signal", "SIGUSR1"})
                 .effective_kill_signal()
                 .value()
                 .number == signals::user1.number);
}

BOOST_AUTO_TEST_CASE(options_after_the_command_belong_to_the_command) {
  const auto options = nspawn_options_from_argv({"nspawn", "-D", "/x", "/init", "--keep-unit", "-b"});
  BOOST_TEST(!options.keep_unit);
  BOOST_TEST(!options.boot);
}

BOOST_AUTO_TEST_CASE(abbreviated_long_options) {
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--keep"}).keep_unit);
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--notify=yes"}).notify_ready);
}

BOOST_AUTO_TEST_CASE(a_command_line_nspawn_refuses) {
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--frobnicate"}).argv_error.has_value());
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--kill-signal=SIGNOPE"}).argv_error.has_value());
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--notify-ready=maybe"}).argv_error.has_value());
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "--keep-unit=yes"}).argv_error.has_value());
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "-M"}).argv_error.has_value());
  BOOST_TEST(nspawn_options_from_argv({"nspawn", "-K"}).argv_error.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
