#pragma once

#include <string>
#include <string_view>

#include "ctrlab/reports/markup.hpp"

// Escaping shared by the XML, HTML, SVG and Markdown writers (escape_markup is public).
namespace ctrlab::reports {

// Text that Markdown (CommonMark with GitHub's tables) shows as it is: the punctuation that
// could start markup or end a table cell is backslash-escaped, a line break becomes <br>.
[[nodiscard]] std::string markdown_text(std::string_view text);

// A code span holding `text` verbatim, fit for a table cell: delimited by one backtick more
// than the longest run of backticks in it, padded where it starts or ends with one, its
// pipes escaped (GitHub's tables split on them even in code) and line breaks made spaces.
[[nodiscard]] std::string markdown_code(std::string_view text);

// A fenced code block holding `text` verbatim: fenced by more backticks than any line holds.
[[nodiscard]] std::string markdown_code_block(std::string_view text);

// "12.3" style seconds, as JUnit wants them.
[[nodiscard]] std::string format_seconds(double seconds);

}  // namespace ctrlab::reports
