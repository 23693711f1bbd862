#pragma once

#include <array>
#include <cstdint>

namespace ctrlab::sim {

// Seeded pseudo-random numbers (xoshiro256**, seeded through splitmix64). Implemented here
// rather than with <random> distributions so that the same seed gives the same draws with
// every standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed);

  [[nodiscard]] std::uint64_t next();
  // Uniform in [0, 1), 53 bits of precision.
  [[nodiscard]] double uniform();
  // Uniform in [low, high).
  [[nodiscard]] double uniform(double low, double high) { return low + (high - low) * uniform(); }

 private:
  std::array<std::uint64_t, 4> state_{};
};

}  // namespace ctrlab::sim
