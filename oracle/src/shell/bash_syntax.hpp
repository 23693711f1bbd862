#pragma once

#include <optional>
#include <string>
#include <string_view>

// Whether bash can read script source at all (`bash -n`), as far as its quoting goes: single
// and double quotes, backquotes, backslashes and comments. 2025's unit scripts are checked so
// when NixOS builds them, and one bash cannot read fails the build.
namespace ctrlab::oracle::shell {

// bash's complaint about the first quote left open, e.g. "unexpected EOF while looking for
// matching `\"'"; nullopt when every quote is closed.
[[nodiscard]] std::optional<std::string> unclosed_quote(std::string_view source);

}  // namespace ctrlab::oracle::shell
