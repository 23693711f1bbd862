#pragma once

#include <string>
#include <string_view>

// Escaping shared by the XML, HTML and SVG writers.
namespace ctrlab::reports {

// Escapes &, <, >, " and ' for element text and attribute values; drops control characters
// XML 1.0 forbids, so a diff holding raw bytes still gives a well-formed document.
[[nodiscard]] std::string escape_markup(std::string_view text);

// Escapes | and newlines so text stays inside one Markdown table cell.
[[nodiscard]] std::string escape_markdown_cell(std::string_view text);

// "12.3" style seconds, as JUnit wants them.
[[nodiscard]] std::string format_seconds(double seconds);

}  // namespace ctrlab::reports
