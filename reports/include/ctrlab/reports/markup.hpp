#pragma once

#include <string>
#include <string_view>

// Text placed in XML, HTML or SVG, for every page ctrlab writes (reports' and the bench's).
namespace ctrlab::reports {

// Escapes &, <, >, " and ' for element text and attribute values; drops control characters
// XML 1.0 forbids, so a diff holding raw bytes still gives a well-formed document.
[[nodiscard]] std::string escape_markup(std::string_view text);

}  // namespace ctrlab::reports
