#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace ctrlab::oracle {

// One step of aligning two sequences: an element kept in both, or only in one of them.
struct AlignmentStep {
  enum class Kind { both, only_before, only_after } kind;
  std::size_t before_index;  // valid for both and only_before
  std::size_t after_index;   // valid for both and only_after
};

// Aligns two sequences of `before_size` and `after_size` elements on a longest common
// subsequence of equal elements; `equal(i, j)` compares before[i] with after[j].
[[nodiscard]] std::vector<AlignmentStep> align_sequences(std::size_t before_size, std::size_t after_size,
                                                         const std::function<bool(std::size_t, std::size_t)>& equal);

}  // namespace ctrlab::oracle
