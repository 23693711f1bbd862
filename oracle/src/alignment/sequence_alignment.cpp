#include "sequence_alignment.hpp"

#include <algorithm>

namespace ctrlab::oracle::alignment {
namespace {

// A run of removed and a run of added elements, paired where they are most alike.
class RunPairing {
 public:
  explicit RunPairing(const std::function<std::size_t(std::size_t, std::size_t)>& similarity)
      : similarity_(similarity) {}

  void removed(std::size_t index) { removed_.push_back(index); }
  void added(std::size_t index) { added_.push_back(index); }

  void flush_into(std::vector<AlignedPair>& pairs) {
    const bool more_removed = removed_.size() > added_.size();
    const auto& longer = more_removed ? removed_ : added_;
    const auto& shorter = more_removed ? added_ : removed_;
    const auto score_at = [&](std::size_t offset) {
      std::size_t score = 0;
      for (std::size_t k = 0; k < shorter.size(); ++k) {
        score += more_removed ? similarity_(longer[offset + k], shorter[k]) : similarity_(shorter[k], longer[offset + k]);
      }
      return score;
    };
    std::size_t best_offset = 0, best_score = 0;
    for (std::size_t offset = 0; offset + shorter.size() <= longer.size(); ++offset) {
      if (const auto score = score_at(offset); score > best_score) {
        best_score = score;
        best_offset = offset;
      }
    }
    for (std::size_t at = 0; at < longer.size(); ++at) {
      const bool paired = at >= best_offset && at < best_offset + shorter.size();
      const auto partner = paired ? std::optional<std::size_t>(shorter[at - best_offset]) : std::nullopt;
      pairs.push_back(more_removed ? AlignedPair{longer[at], partner} : AlignedPair{partner, longer[at]});
    }
    removed_.clear();
    added_.clear();
  }

 private:
  const std::function<std::size_t(std::size_t, std::size_t)>& similarity_;
  std::vector<std::size_t> removed_;
  std::vector<std::size_t> added_;
};

}  // namespace

std::vector<AlignedPair> align(std::size_t before_size, std::size_t after_size,
                               const std::function<bool(std::size_t, std::size_t)>& equal) {
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<std::size_t>> common(before_size + 1, std::vector<std::size_t>(after_size + 1, 0));
  for (std::size_t i = before_size; i-- > 0;) {
    for (std::size_t j = after_size; j-- > 0;) {
      common[i][j] = equal(i, j) ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<AlignedPair> pairs;
  std::size_t i = 0, j = 0;
  while (i < before_size || j < after_size) {
    if (i < before_size && j < after_size && equal(i, j)) {
      pairs.push_back({i++, j++});
    } else if (i < before_size && (j == after_size || common[i + 1][j] >= common[i][j + 1])) {
      pairs.push_back({i++, std::nullopt});
    } else {
      pairs.push_back({std::nullopt, j++});
    }
  }
  return pairs;
}

std::vector<AlignedPair> align_pairing_runs(std::size_t before_size, std::size_t after_size,
                                            const std::function<bool(std::size_t, std::size_t)>& equal,
                                            const std::function<std::size_t(std::size_t, std::size_t)>& similarity) {
  std::vector<AlignedPair> pairs;
  RunPairing run(similarity);
  for (const auto& pair : align(before_size, after_size, equal)) {
    if (pair.before && pair.after) {
      run.flush_into(pairs);
      pairs.push_back(pair);
    } else if (pair.before) {
      run.removed(*pair.before);
    } else {
      run.added(*pair.after);
    }
  }
  run.flush_into(pairs);
  return pairs;
}

}  // namespace ctrlab::oracle::alignment
