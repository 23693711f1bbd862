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

// Pairs: both set (kept, equal), only predicted (removed), only observed (added). A run of
// removed items next to a run of added ones is paired up where they are most alike
// (`similarity`, higher is closer), so a replaced item shows as one pair with both indexes
// set, and the rest of the longer run stays unpaired. Pairs come in sequence order.
template <class A, class B, class Equal, class Similarity>
std::vector<AlignedPair> align(const std::vector<A>& predicted, const std::vector<B>& observed, Equal equal,
                               Similarity similarity) {
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
  // Slides the shorter run along the longer one and keeps the offset where they are most alike.
  const auto flush = [&] {
    const bool more_removed = removed.size() > added.size();
    const auto& longer = more_removed ? removed : added;
    const auto& shorter = more_removed ? added : removed;
    std::size_t best_offset = 0, best_score = 0;
    for (std::size_t offset = 0; offset + shorter.size() <= longer.size(); ++offset) {
      std::size_t score = 0;
      for (std::size_t k = 0; k < shorter.size(); ++k) {
        score += more_removed ? similarity(predicted[longer[offset + k]], observed[shorter[k]])
                              : similarity(predicted[shorter[k]], observed[longer[offset + k]]);
      }
      if (score > best_score) {
        best_score = score;
        best_offset = offset;
      }
    }
    for (std::size_t at = 0; at < longer.size(); ++at) {
      const bool paired = at >= best_offset && at < best_offset + shorter.size();
      const std::optional<std::size_t> partner = paired ? std::optional<std::size_t>(shorter[at - best_offset]) : std::nullopt;
      pairs.push_back(more_removed ? AlignedPair{longer[at], partner} : AlignedPair{partner, longer[at]});
    }
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
