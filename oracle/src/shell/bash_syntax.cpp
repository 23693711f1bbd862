#include "shell/bash_syntax.hpp"

namespace ctrlab::oracle::shell {
namespace {

std::string unexpected_eof(char quote) { return std::string("unexpected EOF while looking for matching `") + quote + "'"; }

// A `#` starts a comment where a word would start: at the start of a line, after blanks and
// after the characters that end a word.
bool starts_word(std::string_view source, std::size_t at) {
  return at == 0 || std::string_view(" \t\n;&|()<>").find(source[at - 1]) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> unclosed_quote(std::string_view source) {
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\\') {
      ++i;
    } else if (c == '#' && starts_word(source, i)) {
      const std::size_t end = source.find('\n', i);
      if (end == std::string_view::npos) return std::nullopt;
      i = end;
    } else if (c == '\'') {
      const std::size_t close = source.find('\'', i + 1);
      if (close == std::string_view::npos) return unexpected_eof(c);
      i = close;
    } else if (c == '"' || c == '`') {
      std::size_t j = i + 1;
      while (j < source.size() && source[j] != c) j += source[j] == '\\' ? std::size_t{2} : std::size_t{1};
      if (j >= source.size()) return unexpected_eof(c);
      i = j;
    }
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::shell
