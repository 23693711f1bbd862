#pragma once

#include <cstddef>
#include <optional>
#include <vector>

// An edit script between two sequences from their longest common subsequence.
namespace ctrlab::oracle::judging {

struct AlignedPair {
  std::optional<std::size_t> predicted;  // index in the predicted sequence, if any
  std::optional<std::size_t> observed;   // index in the observed sequence, if any
};

// Pairs: both set (kept, equal), only predicted (removed), only observed (added). Runs of
// removed items directly followed or preceded by added ones are paired up one to one, so a
// replaced item shows as one pair with both indexes set and `equal(...)` false.
template <class A, class B, class Equal>
std::vector<AlignedPair> align(const std::vector<A>& predicted, const std::vector<B>& observed, Equal equal) {
  const std::size_t n = predicted.size();
  const std::size_t m = observed.size();
  std::vector<std::vector<std::size_t>> common(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      common[i][j] = equal(predicted[i], observed[j]) ? common[i + 1][j + 1] + 1
                                                      : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<AlignedPair> pairs;
  std::vector<std::size_t> removed, added;
  const auto flush = [&] {
    const std::size_t paired = std::min(removed.size(), added.size());
    for (std::size_t k = 0; k < paired; ++k) pairs.push_back({removed[k], added[k]});
    for (std::size_t k = paired; k < removed.size(); ++k) pairs.push_back({removed[k], std::nullopt});
    for (std::size_t k = paired; k < added.size(); ++k) pairs.push_back({std::nullopt, added[k]});
    removed.clear();
    added.clear();
  };
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && equal(predicted[i], observed[j])) {
      flush();
      pairs.push_back({i++, j++});
    } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
      removed.push_back(i++);
    } else {
      added.push_back(j++);
    }
  }
  flush();
  return pairs;
}

}  // namespace ctrlab::oracle::judging
