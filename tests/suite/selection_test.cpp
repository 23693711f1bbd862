// --filter and --shard: which cases a run takes.
#include <boost/test/unit_test.hpp>

#include "ctrlab/suite/selection.hpp"

using namespace ctrlab::suite;
using ctrlab::oracle::Revision;

BOOST_AUTO_TEST_SUITE(selection)

BOOST_AUTO_TEST_CASE(the_filter_searches_the_case_name_scenario_slash_revision) {
  Selection selection;
  selection.set_filter("restart/20(21|22)$");
  BOOST_TEST(selection.takes("nixos-tests/restart", Revision::r2022));
  BOOST_TEST(!selection.takes("nixos-tests/restart", Revision::r2018));
  BOOST_TEST(!selection.takes("nixos-tests/restarts", Revision::r2022));
  BOOST_TEST(case_name("nixos-tests/restart", Revision::r2021) == "nixos-tests/restart/2021");
  BOOST_CHECK_THROW(selection.set_filter("(unclosed"), SelectionError);
}

BOOST_AUTO_TEST_CASE(shards_are_disjoint_make_up_the_whole_and_differ_by_one_at_most) {
  const std::vector<std::string> names = {"e/2022", "a/2018", "c/2021", "b/2022", "d/2014", "a/2022", "f/2018"};
  std::vector<int> owners(names.size(), 0);
  for (std::size_t index = 1; index <= 3; ++index) {
    const auto held = Shard{index, 3}.holds(names);
    const auto count = std::count(held.begin(), held.end(), true);
    BOOST_TEST((count == 2 || count == 3));
    for (std::size_t i = 0; i < names.size(); ++i) owners[i] += held[i] ? 1 : 0;
  }
  BOOST_TEST(owners == std::vector<int>(names.size(), 1), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_shard_depends_on_the_names_not_their_order) {
  const std::vector<std::string> names = {"b/2022", "a/2022", "c/2022"};
  const std::vector<std::string> reversed = {"c/2022", "a/2022", "b/2022"};
  const auto held = Shard{1, 2}.holds(names), held_reversed = Shard{1, 2}.holds(reversed);
  BOOST_TEST(held == (std::vector<bool>{false, true, true}), boost::test_tools::per_element());  // a and c: 1st and 3rd
  BOOST_TEST(held_reversed == (std::vector<bool>{true, true, false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_shard_is_i_of_n) {
  const auto shard = Shard::parse("2/4");
  BOOST_TEST(shard.index == 2U);
  BOOST_TEST(shard.count == 4U);
  for (const char* bad : {"0/2", "3/2", "2", "1/0", "a/b", "1/2/3", "-1/2", ""}) {
    BOOST_CHECK_THROW(static_cast<void>(Shard::parse(bad)), SelectionError);
  }
}

BOOST_AUTO_TEST_SUITE_END()
