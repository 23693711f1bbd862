#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ctrlab/oracle/revision.hpp"

// Which cases of a suite a run takes: `--filter REGEX`, `--shard I/N`, `--revision R`. A case
// is named "scenario/revision" (e.g. "nixos-tests/restart/2022") for the filter and the shard.
namespace ctrlab::suite {

// A bad --filter or --shard, saying what was expected.
struct SelectionError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Part `index` (from 1) of `count`: the cases' names in sorted order dealt out in turn, so the
// split depends on the names alone (not on how the files were listed, nor on the machine) and
// the parts differ in size by one at most: N jobs given the same suite take disjoint parts that
// together are the whole.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;

  // "I/N" with 1 <= I <= N; throws SelectionError otherwise.
  [[nodiscard]] static Shard parse(std::string_view text);
  // Which of the suite's case names are this part's, by their place in `names`.
  [[nodiscard]] std::vector<bool> holds(const std::vector<std::string>& names) const;
};

// --filter and --revision: whether a case is taken at all (the shard then splits those taken).
struct Selection {
  std::optional<std::regex> filter;  // searched for in the case's name (ECMAScript syntax)
  std::optional<oracle::Revision> revision;

  // Throws SelectionError for a pattern std::regex does not take.
  void set_filter(const std::string& pattern);
  [[nodiscard]] bool takes(const std::string& scenario, oracle::Revision revision) const;
  // A scenario that could not be read has no revision: it is named by the scenario alone.
  [[nodiscard]] bool takes(const std::string& scenario) const;
};

// "nixos-tests/restart/2022": what --filter and --shard see of a case.
[[nodiscard]] std::string case_name(const std::string& scenario, oracle::Revision revision);

}  // namespace ctrlab::suite
