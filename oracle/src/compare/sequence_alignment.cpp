#include "sequence_alignment.hpp"

#include <algorithm>

namespace ctrlab::oracle {

std::vector<AlignmentStep> align_sequences(std::size_t before_size, std::size_t after_size,
                                           const std::function<bool(std::size_t, std::size_t)>& equal) {
  // suffix[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<std::size_t>> suffix(before_size + 1, std::vector<std::size_t>(after_size + 1, 0));
  for (std::size_t i = before_size; i-- > 0;) {
    for (std::size_t j = after_size; j-- > 0;) {
      suffix[i][j] = equal(i, j) ? suffix[i + 1][j + 1] + 1 : std::max(suffix[i + 1][j], suffix[i][j + 1]);
    }
  }
  std::vector<AlignmentStep> steps;
  std::size_t i = 0, j = 0;
  while (i < before_size || j < after_size) {
    if (i < before_size && j < after_size && equal(i, j)) {
      steps.push_back({AlignmentStep::Kind::both, i++, j++});
    } else if (i < before_size && (j == after_size || suffix[i + 1][j] >= suffix[i][j + 1])) {
      steps.push_back({AlignmentStep::Kind::only_before, i++, j});  // removals first on ties
    } else {
      steps.push_back({AlignmentStep::Kind::only_after, i, j++});
    }
  }
  return steps;
}

}  // namespace ctrlab::oracle
