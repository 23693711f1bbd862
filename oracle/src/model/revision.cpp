#include "ctrlab/oracle/revision.hpp"

namespace ctrlab::oracle {

std::string_view to_string(Revision revision) {
  switch (revision) {
    case Revision::r2014: return "2014";
    case Revision::r2018: return "2018";
    case Revision::r2021: return "2021";
    case Revision::r2022: return "2022";
  }
  return "unknown";
}

std::optional<Revision> parse_revision(std::string_view text) {
  for (const Revision revision : all_revisions) {
    if (to_string(revision) == text) return revision;
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle
