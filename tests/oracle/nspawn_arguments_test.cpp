// read_nspawn_arguments(): an nspawn argv read as systemd-nspawn 252's getopt_long reads it.
#include <boost/test/unit_test.hpp>

#include "ctrlab/oracle/nspawn_arguments.hpp"

using namespace ctrlab::oracle;
using Options = std::vector<std::pair<std::string_view, std::string>>;

BOOST_AUTO_TEST_SUITE(nspawn_arguments)

BOOST_AUTO_TEST_CASE(options_come_by_long_name_with_their_values_in_order) {
  const Argv argv = {"systemd-nspawn", "-M", "web", "-D/var/lib/web", "--bind=/a:/b", "--tmpfs", "/tmp", "--keep-unit", "/init"};
  const auto read = read_nspawn_arguments(argv);
  BOOST_TEST(!read.refusal);
  BOOST_TEST((read.options == Options{{"machine", "web"}, {"directory", "/var/lib/web"}, {"bind", "/a:/b"}, {"tmpfs", "/tmp"},
                                      {"keep-unit", ""}}));
  BOOST_TEST(*read.command_index == 8U);
  BOOST_TEST(*read.command == "/init");
}

BOOST_AUTO_TEST_CASE(a_short_cluster_ends_with_the_option_that_takes_a_value) {
  const Argv argv = {"systemd-nspawn", "-bqjM", "web", "/init"};
  const auto read = read_nspawn_arguments(argv);
  BOOST_TEST((read.options == Options{{"boot", ""}, {"quiet", ""}, {"-j", ""}, {"machine", "web"}}));
  BOOST_TEST(*read.command_index == 3U);
}

BOOST_AUTO_TEST_CASE(options_end_at_the_first_word_that_is_not_one) {
  // A word split off a value (a path with a space) becomes the command; what follows is its argv.
  const Argv argv = {"systemd-nspawn", "--bind=/srv/my", "data:/data", "--notify-ready=yes", "/init"};
  const auto read = read_nspawn_arguments(argv);
  BOOST_TEST((read.options == Options{{"bind", "/srv/my"}}));
  BOOST_TEST(*read.command_index == 2U);
  BOOST_TEST(*read.command == "data:/data");
  BOOST_TEST(*read_nspawn_arguments({"systemd-nspawn", "--", "-x"}).command_index == 2U);
  BOOST_TEST(*read_nspawn_arguments({"systemd-nspawn", "--", "-x"}).command == "-x");
  BOOST_TEST(!read_nspawn_arguments({"systemd-nspawn", "--keep-unit"}).command_index);
  BOOST_TEST(!read_nspawn_arguments({"systemd-nspawn", "--keep-unit"}).command);
}

BOOST_AUTO_TEST_CASE(unique_abbreviations_are_accepted_and_ambiguous_ones_refused) {
  const Argv argv = {"systemd-nspawn", "--notify", "yes", "--private-net", "/init"};
  const auto read = read_nspawn_arguments(argv);
  BOOST_TEST((read.options == Options{{"notify-ready", "yes"}, {"private-network", ""}}));
  BOOST_TEST(*read_nspawn_arguments({"systemd-nspawn", "--network-v", "/init"}).refusal == "option '--network-v' is ambiguous");
  BOOST_TEST(*read_nspawn_arguments({"systemd-nspawn", "--bogus", "/init"}).refusal == "unrecognized option '--bogus'");
  BOOST_TEST(*read_nspawn_arguments({"systemd-nspawn", "-M"}).refusal == "option requires an argument -- 'M'");
}

BOOST_AUTO_TEST_CASE(the_values_outlive_the_argv_they_were_read_from) {
  const auto read = [] {
    const Argv argv = {"systemd-nspawn", "--directory=/var/lib/nixos-containers/a-long-machine-name", "/init"};
    return read_nspawn_arguments(argv);
  }();
  BOOST_TEST((read.options == Options{{"directory", "/var/lib/nixos-containers/a-long-machine-name"}}));
  BOOST_TEST(*read.command == "/init");
}

BOOST_AUTO_TEST_CASE(a_prediction_is_read_a_container_at_a_time) {
  Prediction prediction;
  prediction.containers["a"].nspawnArgv = {"systemd-nspawn", "-M", "a", "/init"};
  prediction.containers["b"].nspawnArgv = {"systemd-nspawn", "--bogus"};
  const auto read = read_nspawn_arguments(prediction);
  BOOST_TEST(read.size() == 2U);
  BOOST_TEST((read.at("a").options == Options{{"machine", "a"}}));
  BOOST_TEST(*read.at("b").refusal == "unrecognized option '--bogus'");
}

BOOST_AUTO_TEST_SUITE_END()
