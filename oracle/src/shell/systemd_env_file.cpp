#include "shell/systemd_env_file.hpp"

#include <algorithm>

#include "shell/char_class.hpp"

namespace ctrlab::oracle::shell {
namespace {

constexpr CharClass white_space(" \t\n\r");
constexpr CharClass newlines("\n\r");
constexpr CharClass comment_starts("#;");
constexpr CharClass needs_escape_in_double_quotes("\"\\`$");

bool is_valid_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The parser's states, as systemd names them.
enum class State {
  pre_key,
  key,
  pre_value,
  value,
  value_escape,
  single_quote_value,
  double_quote_value,
  double_quote_value_escape,
  comment,
  comment_escape,
};

constexpr std::size_t none = std::string::npos;

}  // namespace

// Writes names and values straight into the Environment's one buffer.
class EnvFileParser {
 public:
  Environment parse(std::string_view text) {
    out_.text_.reserve(text.size());
    out_.entries_.reserve(16);
    std::size_t i = 0;
    while (i < text.size()) {
      // Runs of ordinary characters go in at once; step() takes the characters that matter.
      const std::size_t run = ordinary_run(text, i);
      if (run > 0) {
        take_run(text.substr(i, run));
        i += run;
        continue;
      }
      step(text[i]);
      ++i;
    }
    if (state_ == State::pre_value || state_ == State::value || state_ == State::value_escape ||
        state_ == State::single_quote_value || state_ == State::double_quote_value ||
        state_ == State::double_quote_value_escape) {
      if (state_ == State::value) trim_value();
      push();
    }
    return std::move(out_);
  }

 private:
  static constexpr CharClass value_stops{"\n\r\\"};
  static constexpr CharClass key_stops{"\n\r=\t "};
  static constexpr CharClass double_quote_stops{"\"\\"};
  static constexpr CharClass single_quote_stops{"'"};

  static std::size_t run_until(std::string_view text, std::size_t from, const CharClass& stops) {
    std::size_t end = from;
    while (end < text.size() && !stops.contains(text[end])) ++end;
    return end - from;
  }

  // How many characters from `from` the current state would simply keep.
  [[nodiscard]] std::size_t ordinary_run(std::string_view text, std::size_t from) const {
    switch (state_) {
      case State::value: return run_until(text, from, value_stops);
      case State::key: return run_until(text, from, key_stops);
      case State::double_quote_value: return run_until(text, from, double_quote_stops);
      case State::single_quote_value: return run_until(text, from, single_quote_stops);
      default: return 0;
    }
  }

  // Appends a run of kept characters, tracking where trailing white space starts (values
  // lose it; key runs never hold white space, which step() handles).
  void take_run(std::string_view run) {
    if (state_ == State::value) {
      const auto last = run.find_last_not_of(" \t");
      if (last == std::string_view::npos) {
        if (value_trailing_white_ == none) value_trailing_white_ = buffer().size();
      } else {
        value_trailing_white_ = last + 1 < run.size() ? buffer().size() + last + 1 : none;
      }
    } else if (state_ == State::key) {
      key_trailing_white_ = none;
    }
    buffer().append(run);
  }

  std::string& buffer() { return out_.text_; }

  void step(char c) {
    switch (state_) {
      case State::pre_key:
        if (comment_starts.contains(c)) {
          state_ = State::comment;
        } else if (!white_space.contains(c)) {
          state_ = State::key;
          key_start_ = buffer().size();
          key_trailing_white_ = none;
          buffer() += c;
        }
        break;
      case State::key:
        if (newlines.contains(c)) {
          state_ = State::pre_key;
          buffer().resize(key_start_);
        } else if (c == '=') {
          state_ = State::pre_value;
          key_end_ = key_trailing_white_ != none ? key_trailing_white_ : buffer().size();
          value_start_ = buffer().size();
          value_trailing_white_ = none;
        } else {
          if (!white_space.contains(c)) {
            key_trailing_white_ = none;
          } else if (key_trailing_white_ == none) {
            key_trailing_white_ = buffer().size();
          }
          buffer() += c;
        }
        break;
      case State::pre_value:
        if (newlines.contains(c)) {
          state_ = State::pre_key;
          push();
        } else if (c == '\'') {
          state_ = State::single_quote_value;
        } else if (c == '"') {
          state_ = State::double_quote_value;
        } else if (c == '\\') {
          state_ = State::value_escape;
        } else if (!white_space.contains(c)) {
          state_ = State::value;
          buffer() += c;
        }
        break;
      case State::value:
        if (newlines.contains(c)) {
          state_ = State::pre_key;
          trim_value();
          push();
        } else if (c == '\\') {
          state_ = State::value_escape;
          value_trailing_white_ = none;
        } else {
          if (!white_space.contains(c)) {
            value_trailing_white_ = none;
          } else if (value_trailing_white_ == none) {
            value_trailing_white_ = buffer().size();
          }
          buffer() += c;
        }
        break;
      case State::value_escape:
        state_ = State::value;
        if (!newlines.contains(c)) buffer() += c;  // an escaped newline continues the line
        break;
      case State::single_quote_value:
        if (c == '\'') {
          state_ = State::pre_value;
        } else {
          buffer() += c;
        }
        break;
      case State::double_quote_value:
        if (c == '"') {
          state_ = State::pre_value;
        } else if (c == '\\') {
          state_ = State::double_quote_value_escape;
        } else {
          buffer() += c;
        }
        break;
      case State::double_quote_value_escape:
        state_ = State::double_quote_value;
        if (needs_escape_in_double_quotes.contains(c)) {
          buffer() += c;
        } else if (c != '\n') {
          buffer() += '\\';
          buffer() += c;
        }
        break;
      case State::comment:
        if (c == '\\') {
          state_ = State::comment_escape;
        } else if (newlines.contains(c)) {
          state_ = State::pre_key;
        }
        break;
      case State::comment_escape: state_ = State::comment; break;
    }
  }

  void trim_value() {
    if (value_trailing_white_ != none) buffer().resize(value_trailing_white_);
  }

  void push() {
    const std::string_view name = std::string_view(buffer()).substr(key_start_, key_end_ - key_start_);
    if (!is_valid_name(name)) {
      buffer().resize(key_start_);
      return;
    }
    out_.entries_.push_back({key_start_, key_end_ - key_start_, value_start_, buffer().size() - value_start_});
  }

  State state_ = State::pre_key;
  std::size_t key_start_ = 0;
  std::size_t key_end_ = 0;
  std::size_t value_start_ = 0;
  std::size_t key_trailing_white_ = none;
  std::size_t value_trailing_white_ = none;
  Environment out_;
};

std::string_view Environment::get(std::string_view name) const {
  const std::string_view text(text_);
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (text.substr(it->name_offset, it->name_size) == name) return text.substr(it->value_offset, it->value_size);
  }
  return {};
}

Environment parse_environment_file(std::string_view text) { return EnvFileParser{}.parse(text); }

}  // namespace ctrlab::oracle::shell
