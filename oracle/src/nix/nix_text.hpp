#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// How Nix and nixpkgs' lib print values and option paths in their messages
// (lib/generators.nix toPretty, lib/strings.nix escapeNixIdentifier, lib/options.nix
// showOption/showDefs, and the evaluator's "error: " framing).
namespace ctrlab::oracle::nix {

// lib.generators.toPretty {} of the Nix value builtins.fromJSON makes of `value`, up to and
// including its `max_line_breaks`-th line break (the rest is never written: the cost is what
// is kept, however large or deep the value).
[[nodiscard]] std::string pretty(const nlohmann::json& value,
                                 std::size_t max_line_breaks = std::numeric_limits<std::size_t>::max());

// lib.strings.escapeNixString: a JSON string literal with `$` escaped.
[[nodiscard]] std::string escape_string(std::string_view text);
// lib.strings.escapeNixIdentifier: the name itself when it is an identifier, else quoted.
[[nodiscard]] std::string escape_identifier(std::string_view name);

// lib.options.showOption: parts joined with "." ("*" and "<...>" placeholders unquoted).
[[nodiscard]] std::string show_option(const std::vector<std::string>& parts);
// How many lines of a definition's value lib.options.showDefs shows ("..." stands for more):
// pretty(value, shown_definition_lines) is all it needs.
inline constexpr std::size_t shown_definition_lines = 5;
// lib.options.showDefs for one definition from `file` whose toPretty text is `pretty_value`.
[[nodiscard]] std::string show_definition(std::string_view file, std::string_view pretty_value);

// How the evaluator prints an uncaught error: "error: " and every further line indented by
// seven spaces, trailing whitespace removed from each line.
[[nodiscard]] std::string evaluator_error(std::string_view message);

}  // namespace ctrlab::oracle::nix
