#include "shell/systemd_env_file.hpp"

#include <algorithm>

namespace ctrlab::oracle::shell {
namespace {

constexpr std::string_view white_space = " \t\n\r";
constexpr std::string_view newlines = "\n\r";
constexpr std::string_view comment_starts = "#;";
constexpr std::string_view needs_escape_in_double_quotes = "\"\\`$";

bool is_one_of(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

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

class EnvFileParser {
 public:
  Environment parse(std::string_view text) {
    for (const char c : text) step(c);
    if (state_ == State::pre_value || state_ == State::value ||
        state_ == State::value_escape || state_ == State::single_quote_value ||
        state_ == State::double_quote_value || state_ == State::double_quote_value_escape) {
      if (state_ == State::value) trim_value();
      push();
    }
    return std::move(environment_);
  }

 private:
  void step(char c) {
    switch (state_) {
      case State::pre_key:
        if (is_one_of(c, comment_starts)) {
          state_ = State::comment;
        } else if (!is_one_of(c, white_space)) {
          state_ = State::key;
          key_.assign(1, c);
          key_trailing_white_ = std::string::npos;
        }
        break;
      case State::key:
        if (is_one_of(c, newlines)) {
          state_ = State::pre_key;
          key_.clear();
        } else if (c == '=') {
          state_ = State::pre_value;
          value_.clear();
          value_trailing_white_ = std::string::npos;
        } else {
          if (!is_one_of(c, white_space)) {
            key_trailing_white_ = std::string::npos;
          } else if (key_trailing_white_ == std::string::npos) {
            key_trailing_white_ = key_.size();
          }
          key_ += c;
        }
        break;
      case State::pre_value:
        if (is_one_of(c, newlines)) {
          state_ = State::pre_key;
          push();
        } else if (c == '\'') {
          state_ = State::single_quote_value;
        } else if (c == '"') {
          state_ = State::double_quote_value;
        } else if (c == '\\') {
          state_ = State::value_escape;
        } else if (!is_one_of(c, white_space)) {
          state_ = State::value;
          value_ += c;
        }
        break;
      case State::value:
        if (is_one_of(c, newlines)) {
          state_ = State::pre_key;
          trim_value();
          push();
        } else if (c == '\\') {
          state_ = State::value_escape;
          value_trailing_white_ = std::string::npos;
        } else {
          if (!is_one_of(c, white_space)) {
            value_trailing_white_ = std::string::npos;
          } else if (value_trailing_white_ == std::string::npos) {
            value_trailing_white_ = value_.size();
          }
          value_ += c;
        }
        break;
      case State::value_escape:
        state_ = State::value;
        if (!is_one_of(c, newlines)) value_ += c;  // an escaped newline continues the line
        break;
      case State::single_quote_value:
        if (c == '\'') {
          state_ = State::pre_value;
        } else {
          value_ += c;
        }
        break;
      case State::double_quote_value:
        if (c == '"') {
          state_ = State::pre_value;
        } else if (c == '\\') {
          state_ = State::double_quote_value_escape;
        } else {
          value_ += c;
        }
        break;
      case State::double_quote_value_escape:
        state_ = State::double_quote_value;
        if (is_one_of(c, needs_escape_in_double_quotes)) {
          value_ += c;
        } else if (c != '\n') {
          value_ += '\\';
          value_ += c;
        }
        break;
      case State::comment:
        if (c == '\\') {
          state_ = State::comment_escape;
        } else if (is_one_of(c, newlines)) {
          state_ = State::pre_key;
        }
        break;
      case State::comment_escape: state_ = State::comment; break;
    }
  }

  void trim_value() {
    if (value_trailing_white_ != std::string::npos) value_.resize(value_trailing_white_);
  }

  void push() {
    if (key_trailing_white_ != std::string::npos) key_.resize(key_trailing_white_);
    if (is_valid_name(key_)) environment_.set(key_, value_);
    key_.clear();
    value_.clear();
  }

  State state_ = State::pre_key;
  std::string key_;
  std::string value_;
  std::size_t key_trailing_white_ = std::string::npos;
  std::size_t value_trailing_white_ = std::string::npos;
  Environment environment_;
};

}  // namespace

std::string_view Environment::get(std::string_view name) const {
  for (auto it = variables_.rbegin(); it != variables_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return {};
}

void Environment::set(std::string name, std::string value) {
  const auto found = std::find_if(variables_.begin(), variables_.end(), [&](const auto& v) { return v.first == name; });
  if (found != variables_.end()) {
    found->second = std::move(value);
  } else {
    variables_.emplace_back(std::move(name), std::move(value));
  }
}

Environment parse_environment_file(std::string_view text) { return EnvFileParser{}.parse(text); }

}  // namespace ctrlab::oracle::shell
