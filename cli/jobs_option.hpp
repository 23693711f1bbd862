#pragma once

#include <cstddef>
#include <optional>

#include "args.hpp"

// `ctrlab run --jobs N`: how many sandbox hosts run a suite's cases side by side.
namespace ctrlab::cli {

inline constexpr std::size_t most_jobs = 64;

struct JobsOption {
  std::optional<std::size_t> given;

  // --jobs as given: a whole number from 1 to most_jobs, else a UsageError naming it.
  [[nodiscard]] static JobsOption parse(const Args& args);
  // As given, or by default one sandbox per core, as many as root's inotify instances leave room
  // for (runner/inotify_budget.hpp) and at least one; never more than `cases`, the cases to run.
  [[nodiscard]] std::size_t for_cases(std::size_t cases) const;
};

}  // namespace ctrlab::cli
