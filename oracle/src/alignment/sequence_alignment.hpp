#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

// The one sequence aligner: `ctrlab compare` aligns lists and lines with it, the judge argv
// and network commands.
namespace ctrlab::oracle::alignment {

// A place in the alignment of `before` with `after`: an element kept in both (both set, equal),
// one only in `before` (removed), one only in `after` (added) — or, from
// align_pairing_runs(), a removed element paired with the added one that replaced it (both
// set, not equal).
struct AlignedPair {
  std::optional<std::size_t> before;
  std::optional<std::size_t> after;
};

// Aligns sequences of `before_size` and `after_size` elements on a longest common subsequence
// of equal elements (`equal(i, j)` compares before[i] with after[j]). Pairs come in sequence
// order; where removals and additions meet, removals come first.
[[nodiscard]] std::vector<AlignedPair> align(std::size_t before_size, std::size_t after_size,
                                             const std::function<bool(std::size_t, std::size_t)>& equal);

// The same, and a run of removed elements next to a run of added ones is paired up where they
// are most alike (`similarity(i, j)`, higher is closer; the shorter run slides along the longer
// one, and at equal scores the earliest place wins), so a replaced element shows as one pair;
// the rest of the longer run stays unpaired, in its order.
[[nodiscard]] std::vector<AlignedPair> align_pairing_runs(
    std::size_t before_size, std::size_t after_size, const std::function<bool(std::size_t, std::size_t)>& equal,
    const std::function<std::size_t(std::size_t, std::size_t)>& similarity);

}  // namespace ctrlab::oracle::alignment
