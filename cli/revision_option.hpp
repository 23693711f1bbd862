#pragma once

#include <string>
#include <string_view>

#include "args.hpp"
#include "ctrlab/oracle/revision.hpp"

namespace ctrlab::cli {

// The revision an option names (--revision, --from, --to); a UsageError listing every
// revision otherwise.
[[nodiscard]] inline oracle::Revision revision_value(std::string_view option, const std::string& text) {
  const auto revision = oracle::parse_revision(text);
  if (!revision) {
    throw UsageError(std::string(option) + " takes " + oracle::revision_names() + ", not '" + text + "'");
  }
  return *revision;
}

}  // namespace ctrlab::cli
