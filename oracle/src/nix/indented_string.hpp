#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Nix indented strings (''...''), as the module writes its env file and scripts.
//
// A template is the text between the quotes, copied with the module's own layout, where
// each Nix expression is replaced by a name:
//   ${name}                             a string value (Nix interpolation, inserted verbatim)
//   ${optionalString name ''...''}      a nested indented string, present when `name` holds
//   ''$  '''                            Nix's escapes for "$" and "''"
// compile() applies Nix's rules once (the first line is dropped when it holds only spaces;
// the smallest indentation of the lines with content is stripped from every line; a final
// line of only spaces is dropped), so rendering is plain concatenation. Interpolated values
// are never re-indented, which is where the env file's blank lines come from.
namespace ctrlab::oracle::nix {

class IndentedString {
 public:
  // Throws std::logic_error for a malformed template (a bug in ctrlab, not bad input).
  static IndentedString compile(std::string_view text, std::span<const std::string_view> value_names,
                                std::span<const std::string_view> condition_names);

  // Appends the string for `values` (by index of value_names) and `conditions` (by index of
  // condition_names) to `out`.
  void render(std::span<const std::string_view> values, std::span<const bool> conditions, std::string& out) const;

  [[nodiscard]] std::string render(std::span<const std::string_view> values, std::span<const bool> conditions) const {
    std::string out;
    render(values, conditions, out);
    return out;
  }

 private:
  struct Piece {
    enum class Kind { literal, value, block } kind = Kind::literal;
    std::string text;                       // literal
    std::size_t index = 0;                  // value or condition index
    std::shared_ptr<IndentedString> block;  // block
  };
  std::vector<Piece> pieces_;

  friend class IndentedStringParser;
};

}  // namespace ctrlab::oracle::nix
