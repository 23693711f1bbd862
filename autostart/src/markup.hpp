#pragma once

#include <string>
#include <string_view>

// Text placed in HTML or SVG.
namespace ctrlab::autostart::markup {

// &, <, >, " and ' as character references.
[[nodiscard]] std::string escape(std::string_view text);

}  // namespace ctrlab::autostart::markup
