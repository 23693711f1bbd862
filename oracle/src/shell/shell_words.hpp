#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// What bash does to text the module's scripts handle: field splitting of unquoted
// expansions, and the words of script source that Nix interpolated values became part of.
namespace ctrlab::oracle::shell {

inline constexpr std::string_view default_ifs = " \t\n";

// Field splitting of an unquoted expansion's value (POSIX rules: IFS white space trims and
// separates; every other IFS character separates, so "a,,b" with IFS="," gives an empty field).
[[nodiscard]] std::vector<std::string> split_fields(std::string_view value, std::string_view ifs = default_ifs);
// The same fields, appended to `out`.
void append_fields(std::vector<std::string>& out, std::string_view value, std::string_view ifs = default_ifs);

// True when pathname expansion would treat the word as a pattern (it holds *, ? or [).
[[nodiscard]] bool is_glob_pattern(std::string_view word);

// The words bash reads from one line of script source (the text a Nix interpolation became
// part of): blanks separate words, quotes and backslashes are removed, `#` at a word's start
// comments out the rest. `unsupported` is set when the text holds syntax beyond that
// ($, `, ;, &, |, <, >, parentheses), which ctrlab does not evaluate.
struct SourceWords {
  std::vector<std::string> words;
  std::vector<bool> unquoted_glob;  // per word: an unquoted *, ? or [ (pathname expansion)
  std::vector<bool> assignment;     // per word: NAME=... with NAME and `=` unquoted
  bool unsupported = false;
};
[[nodiscard]] SourceWords source_words(std::string_view line);

// The commands bash runs from script source that values became part of, one per line: a
// newline outside quotes ends a command (a value holding one adds commands), and the words
// NAME=value in front of a command are assignments, not part of its argv. Lines that run no
// command are left out.
[[nodiscard]] std::vector<std::vector<std::string>> source_commands(std::string_view source);

// Whether text placed inside "..." in script source stays literal (no ", $, `, \).
[[nodiscard]] bool literal_in_double_quotes(std::string_view text);

}  // namespace ctrlab::oracle::shell
