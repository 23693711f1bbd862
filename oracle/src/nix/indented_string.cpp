#include "nix/indented_string.hpp"

#include <algorithm>
#include <stdexcept>

namespace ctrlab::oracle::nix {

// Parses one indented string's content up to its closing '' (or the end of the text).
class IndentedStringParser {
 public:
  IndentedStringParser(std::string_view text, std::span<const std::string_view> values,
                       std::span<const std::string_view> conditions)
      : text_(text), values_(values), conditions_(conditions) {}

  IndentedString parse_string(bool nested) {
    // The lexer drops a first line that holds only spaces.
    std::size_t probe = position_;
    while (probe < text_.size() && text_[probe] == ' ') ++probe;
    if (probe < text_.size() && text_[probe] == '\n') position_ = probe + 1;

    std::vector<Token> tokens;
    while (position_ < text_.size()) {
      if (text_.compare(position_, 3, "'''") == 0) {
        tokens.push_back(Token::escaped("''"));
        position_ += 3;
      } else if (text_.compare(position_, 3, "''$") == 0) {
        tokens.push_back(Token::escaped("$"));
        position_ += 3;
      } else if (text_.compare(position_, 2, "''") == 0) {
        if (!nested) fail("an unexpected closing ''");
        position_ += 2;
        return strip(tokens);
      } else if (text_.compare(position_, 2, "${") == 0) {
        tokens.push_back(parse_interpolation());
      } else {
        append_literal(tokens, text_[position_++]);
      }
    }
    if (nested) fail("a missing closing ''");
    return strip(tokens);
  }

 private:
  struct Token {
    enum class Kind { literal, escaped, value, block } kind;
    std::string text;
    std::size_t index = 0;
    std::shared_ptr<IndentedString> block;
    static Token escaped(std::string text) { return {Kind::escaped, std::move(text), 0, nullptr}; }
  };

  [[noreturn]] void fail(std::string_view what) const {
    throw std::logic_error("indented string template: " + std::string(what) + " at offset " +
                           std::to_string(position_));
  }

  static void append_literal(std::vector<Token>& tokens, char c) {
    if (tokens.empty() || tokens.back().kind != Token::Kind::literal) tokens.push_back({Token::Kind::literal, {}, 0, nullptr});
    tokens.back().text += c;
  }

  static std::size_t find_name(std::span<const std::string_view> names, std::string_view name) {
    const auto found = std::find(names.begin(), names.end(), name);
    return found == names.end() ? names.size() : static_cast<std::size_t>(found - names.begin());
  }

  Token parse_interpolation() {
    position_ += 2;
    constexpr std::string_view optional_prefix = "optionalString ";
    if (text_.compare(position_, optional_prefix.size(), optional_prefix) == 0) {
      position_ += optional_prefix.size();
      const auto name_end = text_.find(' ', position_);
      const auto name = text_.substr(position_, name_end - position_);
      const std::size_t index = find_name(conditions_, name);
      if (index == conditions_.size()) fail("an unknown condition " + std::string(name));
      position_ = name_end + 1;
      if (text_.compare(position_, 2, "''") != 0) fail("optionalString without ''");
      position_ += 2;
      auto block = std::make_shared<IndentedString>(parse_string(true));
      if (text_.compare(position_, 1, "}") != 0) fail("a block not closed by }");
      position_ += 1;
      return {Token::Kind::block, {}, index, std::move(block)};
    }
    const auto close = text_.find('}', position_);
    if (close == std::string_view::npos) fail("an unclosed ${");
    const auto name = text_.substr(position_, close - position_);
    const std::size_t index = find_name(values_, name);
    if (index == values_.size()) fail("an unknown value " + std::string(name));
    position_ = close + 1;
    return {Token::Kind::value, {}, index, nullptr};
  }

  // Nix's stripIndentation: the minimum indentation of lines with content (an interpolation
  // or escape counts as content) is removed from every line; a final all-space line goes.
  static IndentedString strip(const std::vector<Token>& tokens) {
    std::size_t min_indent = std::string::npos;
    bool at_line_start = true;
    std::size_t indent = 0;
    for (const auto& token : tokens) {
      if (token.kind != Token::Kind::literal) {
        if (at_line_start) min_indent = std::min(min_indent, indent);
        at_line_start = false;
        continue;
      }
      for (const char c : token.text) {
        if (at_line_start) {
          if (c == ' ') {
            ++indent;
          } else if (c == '\n') {
            indent = 0;
          } else {
            at_line_start = false;
            min_indent = std::min(min_indent, indent);
          }
        } else if (c == '\n') {
          at_line_start = true;
          indent = 0;
        }
      }
    }
    if (min_indent == std::string::npos) min_indent = 0;

    IndentedString result;
    at_line_start = true;
    std::size_t dropped = 0;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      const auto& token = tokens[t];
      if (token.kind != Token::Kind::literal) {
        at_line_start = false;
        dropped = 0;
        IndentedString::Piece piece;
        if (token.kind == Token::Kind::escaped) {
          piece.text = token.text;
        } else if (token.kind == Token::Kind::value) {
          piece.kind = IndentedString::Piece::Kind::value;
          piece.index = token.index;
        } else {
          piece.kind = IndentedString::Piece::Kind::block;
          piece.index = token.index;
          piece.block = token.block;
        }
        result.pieces_.push_back(std::move(piece));
        continue;
      }
      std::string kept;
      for (const char c : token.text) {
        if (at_line_start) {
          if (c == ' ') {
            if (dropped++ >= min_indent) kept += c;
          } else if (c == '\n') {
            dropped = 0;
            kept += c;
          } else {
            at_line_start = false;
            dropped = 0;
            kept += c;
          }
        } else {
          kept += c;
          if (c == '\n') at_line_start = true;
        }
      }
      if (t + 1 == tokens.size()) {
        const auto last_newline = kept.find_last_of('\n');
        if (last_newline != std::string::npos && kept.find_first_not_of(' ', last_newline + 1) == std::string::npos) {
          kept.resize(last_newline + 1);
        }
      }
      result.pieces_.push_back({IndentedString::Piece::Kind::literal, std::move(kept), 0, nullptr});
    }
    // Adjacent literals (an escape beside text) become one piece: fewer appends when rendering.
    std::vector<IndentedString::Piece> merged;
    for (auto& piece : result.pieces_) {
      if (piece.kind == IndentedString::Piece::Kind::literal && !merged.empty() &&
          merged.back().kind == IndentedString::Piece::Kind::literal) {
        merged.back().text += piece.text;
      } else {
        merged.push_back(std::move(piece));
      }
    }
    result.pieces_ = std::move(merged);
    return result;
  }

  std::string_view text_;
  std::span<const std::string_view> values_;
  std::span<const std::string_view> conditions_;
  std::size_t position_ = 0;
};

IndentedString IndentedString::compile(std::string_view text, std::span<const std::string_view> value_names,
                                       std::span<const std::string_view> condition_names) {
  return IndentedStringParser(text, value_names, condition_names).parse_string(false);
}

void IndentedString::render(std::span<const std::string_view> values, std::span<const bool> conditions,
                            std::string& out) const {
  for (const auto& piece : pieces_) {
    switch (piece.kind) {
      case Piece::Kind::literal: out += piece.text; break;
      case Piece::Kind::value: out += values[piece.index]; break;
      case Piece::Kind::block:
        if (conditions[piece.index]) piece.block->render(values, conditions, out);
        break;
    }
  }
}

}  // namespace ctrlab::oracle::nix
