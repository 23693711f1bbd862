// The one sequence aligner (`ctrlab compare` and the judge): a longest common subsequence, and
// runs of removed and added elements paired where they are most alike.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "alignment/sequence_alignment.hpp"

using namespace ctrlab::oracle::alignment;
using Words = std::vector<std::string>;

namespace {

// "=a" kept, "-a" removed, "+a" added, "a>b" a replaced by b.
Words described(const Words& before, const Words& after, const std::vector<AlignedPair>& pairs) {
  Words lines;
  for (const auto& pair : pairs) {
    if (pair.before && pair.after) {
      lines.push_back(before[*pair.before] == after[*pair.after] ? "=" + before[*pair.before]
                                                                 : before[*pair.before] + ">" + after[*pair.after]);
    } else if (pair.before) {
      lines.push_back("-" + before[*pair.before]);
    } else {
      lines.push_back("+" + after[*pair.after]);
    }
  }
  return lines;
}

std::size_t common_prefix(const std::string& a, const std::string& b) {
  std::size_t length = 0;
  while (length < a.size() && length < b.size() && a[length] == b[length]) ++length;
  return length;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sequence_alignment)

BOOST_AUTO_TEST_CASE(a_longest_common_subsequence_with_removals_first) {
  const Words before = {"a", "b", "c", "d"}, after = {"a", "x", "c", "d", "e"};
  const auto pairs = align(before.size(), after.size(), [&](std::size_t i, std::size_t j) { return before[i] == after[j]; });
  BOOST_TEST(described(before, after, pairs) == (Words{"=a", "-b", "+x", "=c", "=d", "+e"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_replaced_element_pairs_with_the_most_alike) {
  const Words before = {"ip", "link", "--kill-signal=SIGRTMIN+3", "-D"};
  const Words after = {"ip", "link", "--bind=/x", "--kill-signal=SIGTERM", "-D"};
  const auto pairs = align_pairing_runs(
      before.size(), after.size(), [&](std::size_t i, std::size_t j) { return before[i] == after[j]; },
      [&](std::size_t i, std::size_t j) { return common_prefix(before[i], after[j]); });
  BOOST_TEST(described(before, after, pairs) ==
                 (Words{"=ip", "=link", "+--bind=/x", "--kill-signal=SIGRTMIN+3>--kill-signal=SIGTERM", "=-D"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_likeness_runs_pair_in_order) {
  const Words before = {"k", "a", "b"}, after = {"k", "x", "y", "z"};
  const auto pairs = align_pairing_runs(
      before.size(), after.size(), [&](std::size_t i, std::size_t j) { return before[i] == after[j]; },
      [](std::size_t, std::size_t) { return std::size_t{0}; });
  BOOST_TEST(described(before, after, pairs) == (Words{"=k", "a>x", "b>y", "+z"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_sequences) {
  const Words none, some = {"a"};
  const auto equal = [](std::size_t, std::size_t) { return false; };
  BOOST_TEST(align(0, 0, equal).empty());
  BOOST_TEST(described(none, some, align(0, 1, equal)) == (Words{"+a"}), boost::test_tools::per_element());
  BOOST_TEST(described(some, none, align(1, 0, equal)) == (Words{"-a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
