#include "ctrlab/oracle/revision.hpp"

namespace ctrlab::oracle {

std::string_view to_string(Revision revision) {
  switch (revision) {
    case Revision::r2014: return "2014";
    case Revision::r2018: return "2018";
    case Revision::r2021: return "2021";
    case Revision::r2022: return "2022";
    case Revision::r2025: return "2025";
  }
  return "unknown";
}

std::optional<Revision> parse_revision(std::string_view text) {
  for (const Revision revision : all_revisions) {
    if (to_string(revision) == text) return revision;
  }
  return std::nullopt;
}

std::string revision_names() {
  std::string names;
  for (std::size_t i = 0; i < all_revisions.size(); ++i) {
    if (i != 0) names += i + 1 == all_revisions.size() ? " or " : ", ";
    names += to_string(all_revisions[i]);
  }
  return names;
}

}  // namespace ctrlab::oracle
