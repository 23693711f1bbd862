#include "shell/bash_syntax.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace ctrlab::oracle::shell {
namespace {

// ---- reading tokens ------------------------------------------------------------------------

enum class TokenKind { word, operator_token, newline, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  bool quoted = false;  // a word with quoting in it is never a reserved word
};

// What stops bash reading: its message.
struct Unreadable {
  std::string message;
};

std::string unexpected_eof(char closing) { return std::string("unexpected EOF while looking for matching `") + closing + "'"; }

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_metacharacter(char c) { return is_blank(c) || std::string_view("\n;&|()<>").find(c) != std::string_view::npos; }

// bash's operators, longest first where one begins another.
constexpr std::array<std::string_view, 23> operators = {";;&", ";;", ";&", ";",  "&&", "&>>", "&>", "&",
                                                        "||",  "|&", "|",  "(",  ")",  "<<<", "<<-", "<<",
                                                        "<&",  "<>", "<",  ">>", ">&", ">|",  ">"};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  Token next() {
    skip_blanks_and_comments();
    if (at_ >= source_.size()) return {TokenKind::end, "", false};
    if (source_[at_] == '\n') {
      ++at_;
      return {TokenKind::newline, "\n", false};
    }
    if (process_substitution()) return word();
    for (const std::string_view op : operators) {
      if (source_.substr(at_).starts_with(op)) {
        at_ += op.size();
        return {TokenKind::operator_token, std::string(op), false};
      }
    }
    return word();
  }

 private:
  // Blanks, a backslash-newline (the line goes on) and a comment (`#` where a word would start).
  void skip_blanks_and_comments() {
    while (at_ < source_.size()) {
      if (is_blank(source_[at_])) {
        ++at_;
      } else if (source_.substr(at_).starts_with("\\\n")) {
        at_ += 2;
      } else if (source_[at_] == '#') {
        while (at_ < source_.size() && source_[at_] != '\n') ++at_;
      } else {
        return;
      }
    }
  }

  bool process_substitution() const {
    return at_ + 1 < source_.size() && (source_[at_] == '<' || source_[at_] == '>') && source_[at_ + 1] == '(';
  }

  Token word() {
    Token token{TokenKind::word, "", false};
    const std::size_t start = at_;
    if (process_substitution()) at_ = skip_parenthesised(at_ + 1);
    while (at_ < source_.size() && !is_metacharacter(source_[at_])) at_ = skip_word_part(at_, token);
    token.text = std::string(source_.substr(start, at_ - start));
    return token;
  }

  // One character of a word or one quoted part of it; returns where the word goes on.
  std::size_t skip_word_part(std::size_t i, Token& token) const {
    switch (source_[i]) {
      case '\\':
        token.quoted = true;
        return i + 2 <= source_.size() ? i + 2 : i + 1;
      case '\'': {
        token.quoted = true;
        const std::size_t close = source_.find('\'', i + 1);
        if (close == std::string_view::npos) throw Unreadable{unexpected_eof('\'')};
        return close + 1;
      }
      case '"':
        token.quoted = true;
        return skip_double_quoted(i);
      case '`':
        return skip_backquoted(i);
      case '$':
        return skip_dollar(i);
      default:
        return i + 1;
    }
  }

  std::size_t skip_double_quoted(std::size_t open) const {
    std::size_t i = open + 1;
    while (i < source_.size() && source_[i] != '"') {
      if (source_[i] == '\\') i += 2;
      else if (source_[i] == '`') i = skip_backquoted(i);
      else if (source_[i] == '$') i = skip_dollar(i);
      else ++i;
    }
    if (i >= source_.size()) throw Unreadable{unexpected_eof('"')};
    return i + 1;
  }

  std::size_t skip_backquoted(std::size_t open) const {
    std::size_t i = open + 1;
    while (i < source_.size() && source_[i] != '`') i += source_[i] == '\\' ? std::size_t{2} : std::size_t{1};
    if (i >= source_.size()) throw Unreadable{unexpected_eof('`')};
    return i + 1;
  }

  // $(...), $((...)), ${...}; any other `$` is a character of the word.
  std::size_t skip_dollar(std::size_t dollar) const {
    if (dollar + 1 >= source_.size()) return dollar + 1;
    if (source_[dollar + 1] == '(') return skip_parenthesised(dollar + 1);
    if (source_[dollar + 1] == '{') return skip_braced(dollar + 1);
    return dollar + 1;
  }

  // From an opening parenthesis to after its match, quotes within respected.
  std::size_t skip_parenthesised(std::size_t open) const {
    int depth = 0;
    Token ignored;
    for (std::size_t i = open; i < source_.size();) {
      const char c = source_[i];
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return i + 1;
      i = (c == '(' || c == ')') ? i + 1 : skip_word_part(i, ignored);
    }
    throw Unreadable{unexpected_eof(')')};
  }

  std::size_t skip_braced(std::size_t open) const {
    Token ignored;
    for (std::size_t i = open + 1; i < source_.size();) {
      if (source_[i] == '}') return i + 1;
      i = skip_word_part(i, ignored);
    }
    throw Unreadable{unexpected_eof('}')};
  }

  std::string_view source_;
  std::size_t at_ = 0;
};

// ---- reading commands ----------------------------------------------------------------------

bool is_redirection(const Token& token) {
  if (token.kind != TokenKind::operator_token) return false;
  const std::string_view text = token.text;
  return text.starts_with('<') || text.starts_with('>') || text == "&>" || text == "&>>";
}

bool is_separator(const Token& token) {
  return token.kind == TokenKind::newline ||
         (token.kind == TokenKind::operator_token && (token.text == ";" || token.text == "&"));
}

bool is_case_item_end(const Token& token) {
  return token.kind == TokenKind::operator_token && (token.text == ";;" || token.text == ";&" || token.text == ";;&");
}

// A recursive-descent reader of bash's grammar (parse.y), enough to find its first error.
class Reader {
 public:
  explicit Reader(std::string_view source) : lexer_(source) { advance(); }

  void read_program() {
    while (true) {
      skip_newlines();
      if (token_.kind == TokenKind::end) return;
      read_and_or();
      if (is_separator(token_)) advance();
      else if (token_.kind != TokenKind::end) throw unexpected();
    }
  }

 private:
  void advance() { token_ = lexer_.next(); }

  void skip_newlines() {
    while (token_.kind == TokenKind::newline) advance();
  }

  Unreadable unexpected() const {
    if (token_.kind == TokenKind::end) return {"syntax error: unexpected end of file"};
    const std::string shown = token_.kind == TokenKind::newline ? "newline" : token_.text;
    return {"syntax error near unexpected token `" + shown + "'"};
  }

  bool at_word(std::string_view word) const { return token_.kind == TokenKind::word && !token_.quoted && token_.text == word; }
  bool at_operator(std::string_view op) const { return token_.kind == TokenKind::operator_token && token_.text == op; }

  bool at_any_word(std::initializer_list<std::string_view> words) const {
    for (const auto word : words) {
      if (at_word(word)) return true;
    }
    return false;
  }

  void expect_word(std::string_view word) {
    if (!at_word(word)) throw unexpected();
    advance();
  }

  void expect_operator(std::string_view op) {
    if (!at_operator(op)) throw unexpected();
    advance();
  }

  // A list inside a compound command, up to one of `stops` (reserved words, or ")").
  void read_compound_list(std::initializer_list<std::string_view> stops, bool may_be_empty = false) {
    bool read_one = false;
    while (true) {
      skip_newlines();
      const bool closes = at_operator(")") && std::find(stops.begin(), stops.end(), ")") != stops.end();
      const bool at_stop = at_any_word(stops) || closes || is_case_item_end(token_) || token_.kind == TokenKind::end;
      if (at_stop) {
        if (!read_one && !may_be_empty) throw unexpected();
        return;
      }
      read_and_or();
      read_one = true;
      if (!is_separator(token_)) return;
      advance();
    }
  }

  void read_and_or() {
    read_pipeline();
    while (at_operator("&&") || at_operator("||")) {
      advance();
      skip_newlines();
      read_pipeline();
    }
  }

  void read_pipeline() {
    if (at_word("!")) advance();
    read_command();
    while (at_operator("|") || at_operator("|&")) {
      advance();
      skip_newlines();
      read_command();
    }
  }

  void read_redirections() {
    while (is_redirection(token_)) read_redirection();
  }

  void read_redirection() {
    advance();
    if (token_.kind != TokenKind::word) throw unexpected();
    advance();
  }

  void read_command() {
    if (at_operator("(")) {
      advance();
      read_compound_list({")"});
      expect_operator(")");
    } else if (at_word("{")) {
      advance();
      read_compound_list({"}"});
      expect_word("}");
    } else if (at_word("if")) {
      read_if();
    } else if (at_word("while") || at_word("until")) {
      advance();
      read_compound_list({"do"});
      read_do_group();
    } else if (at_word("for")) {
      read_for();
    } else if (at_word("case")) {
      read_case();
    } else if (at_word("function")) {
      advance();
      read_function_body(true);
      return;
    } else if (at_any_word({"then", "elif", "else", "fi", "do", "done", "esac", "}"})) {
      throw unexpected();
    } else {
      read_simple_command();
      return;
    }
    read_redirections();
  }

  void read_if() {
    advance();
    read_compound_list({"then"});
    expect_word("then");
    read_compound_list({"elif", "else", "fi"});
    while (at_word("elif")) {
      advance();
      read_compound_list({"then"});
      expect_word("then");
      read_compound_list({"elif", "else", "fi"});
    }
    if (at_word("else")) {
      advance();
      read_compound_list({"fi"});
    }
    expect_word("fi");
  }

  void read_do_group() {
    expect_word("do");
    read_compound_list({"done"});
    expect_word("done");
  }

  void read_for() {
    advance();
    if (token_.kind != TokenKind::word) throw unexpected();
    advance();
    skip_newlines();
    if (at_word("in")) {
      advance();
      while (token_.kind == TokenKind::word) advance();
      if (!is_separator(token_)) throw unexpected();
      advance();
    } else if (at_operator(";")) {
      advance();
    }
    skip_newlines();
    read_do_group();
  }

  void read_case() {
    advance();
    if (token_.kind != TokenKind::word) throw unexpected();
    advance();
    skip_newlines();
    expect_word("in");
    skip_newlines();
    while (!at_word("esac")) {
      if (at_operator("(")) advance();
      if (token_.kind != TokenKind::word) throw unexpected();
      advance();
      while (at_operator("|")) {
        advance();
        if (token_.kind != TokenKind::word) throw unexpected();
        advance();
      }
      expect_operator(")");
      read_compound_list({"esac"}, true);
      if (!is_case_item_end(token_)) break;
      advance();
      skip_newlines();
    }
    expect_word("esac");
  }

  bool at_compound_command() const {
    return at_operator("(") || at_any_word({"{", "if", "while", "until", "for", "case"});
  }

  // After `function` (the name next) or after `NAME` (the `(` next): `( )`, then a compound
  // command as the body.
  void read_function_body(bool name_first) {
    if (name_first) {
      if (token_.kind != TokenKind::word) throw unexpected();
      advance();
    }
    if (!name_first || at_operator("(")) {
      expect_operator("(");
      expect_operator(")");
    }
    skip_newlines();
    if (!at_compound_command()) throw unexpected();
    read_command();
  }

  void read_simple_command() {
    std::size_t words = 0;
    bool redirected = false;
    while (true) {
      if (token_.kind == TokenKind::word) {
        ++words;
        advance();
      } else if (is_redirection(token_)) {
        read_redirection();
        redirected = true;
      } else {
        break;
      }
    }
    if (words == 0 && !redirected) throw unexpected();
    // `NAME ( )` defines a function; a `(` after more than a name cannot be read.
    if (at_operator("(")) {
      if (words != 1 || redirected) throw unexpected();
      read_function_body(false);
    }
  }

  Lexer lexer_;
  Token token_;
};

}  // namespace

std::optional<std::string> syntax_error(std::string_view source) {
  try {
    Reader(source).read_program();
    return std::nullopt;
  } catch (const Unreadable& unreadable) {
    return unreadable.message;
  }
}

std::optional<std::string> unclosed_quote(std::string_view source) {
  try {
    Lexer lexer(source);
    while (lexer.next().kind != TokenKind::end) {
    }
    return std::nullopt;
  } catch (const Unreadable& unreadable) {
    return unreadable.message;
  }
}

}  // namespace ctrlab::oracle::shell
