#pragma once

#include <optional>
#include <string>
#include <string_view>

// Whether bash can read script source at all, as `bash -n` and a script's run read it: its
// quoting (single and double quotes, backquotes, backslashes, comments, $(...), ${...}) and
// its grammar (simple commands and their redirections, pipelines, && and ||, lists, subshells,
// { } groups, if, while, until, for, case, function definitions). The module pastes some values
// into its scripts unquoted: a name like `veth(1)` is then a syntax error, which makes bash exit
// 2 where it meets it (2018-2022, at run time) or fails the build (2025, whose scripts are
// checked with `bash -n`). Facts from bash 5.2's parse.y and its messages as bash prints them.
namespace ctrlab::oracle::shell {

// bash's complaint about the first thing it cannot read in `source`, as it prints it after
// "LINE: ": "syntax error near unexpected token `('", "syntax error: unexpected end of file",
// "unexpected EOF while looking for matching `\"'"; nullopt when bash reads all of it.
// The source is taken as whole lines of a script (it ends with a newline).
[[nodiscard]] std::optional<std::string> syntax_error(std::string_view source);

// The quoting part alone: bash's complaint about the first quote left open, or nullopt.
[[nodiscard]] std::optional<std::string> unclosed_quote(std::string_view source);

}  // namespace ctrlab::oracle::shell
