#include "scenario/checked_json.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ctrlab/oracle/parse.hpp"
#include "scenario/json_node.hpp"

namespace ctrlab::oracle::scenario {
namespace {

using nlohmann::json;

// 1000000 as "1 000 000".
std::string count_text(std::size_t count) {
  const std::string digits = std::to_string(count);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) text += ' ';
    text += digits[i];
  }
  return text;
}

// nlohmann's SAX events, built into a document as nlohmann's own builder does, checked on
// the way: where in the document the parser is, how much it has read. (nlohmann's callback
// parser scans an object's members after each nested object it closes: quadratic.)
class CheckedBuilder final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return value(nullptr); }
  bool boolean(bool flag) override { return value(flag); }
  bool number_integer(number_integer_t number) override { return value(number); }
  bool number_unsigned(number_unsigned_t number) override { return value(number); }
  bool number_float(number_float_t number, const string_t& /*text*/) override { return value(number); }
  bool binary(binary_t& bytes) override { return value(std::move(bytes)); }  // (not in JSON text)
  bool string(string_t& text) override {
    count_value();
    refuse_nul(text, "a string");
    place(json(std::move(text)));
    return true;
  }

  bool start_object(std::size_t /*elements*/) override { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    Frame& frame = frames_.back();
    add_member(frame, "keys");
    frame.key = name;
    refuse_nul(name, "a key");
    if (frame.value->contains(name)) {
      throw ScenarioError(current_path(), "each key at most once per object", "duplicate key \"" + name + "\"");
    }
    member_ = &(*frame.value)[name];
    return true;
  }

  // What the parser could not read (the value it was reading is not counted yet).
  struct Failure {
    bool syntax = true;        // malformed text; else a value it cannot hold (1e400)
    std::size_t byte = 0;      // syntax: where
    std::string path;          // the value's JSON path
    std::string message;       // nlohmann's
  };

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    const auto* syntax = dynamic_cast<const json::parse_error*>(&error);
    failure_ = Failure{syntax != nullptr, syntax != nullptr ? syntax->byte : 0, path_of(frames_.size(), true), error.what()};
    return false;
  }

  [[nodiscard]] json take() { return std::move(document_); }
  [[nodiscard]] const std::optional<Failure>& failure() const { return failure_; }

 private:
  struct Frame {
    json* value = nullptr;    // the open array or object
    std::size_t members = 0;  // elements or keys so far
    std::string key;          // objects: the current key
  };

  // A value goes into the open array, under the current key, or is the document.
  json* place(json&& made) {
    if (frames_.empty()) {
      document_ = std::move(made);
      return &document_;
    }
    Frame& frame = frames_.back();
    if (frame.value->is_array()) {
      frame.value->push_back(std::move(made));
      return &frame.value->back();
    }
    *member_ = std::move(made);
    return member_;
  }

  template <class Value>
  bool value(Value&& made) {
    count_value();
    place(json(std::forward<Value>(made)));
    return true;
  }

  bool open(json&& empty) {
    count_value();
    if (frames_.size() + 1 > InputLimits::max_depth) {
      throw ScenarioError(current_path(),
                          "arrays and objects nested at most " + std::to_string(InputLimits::max_depth) + " deep",
                          "this one is nested deeper");
    }
    frames_.push_back({place(std::move(empty)), 0, {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  // Each value counts towards the document's total and, in an array, the array's members.
  void count_value() {
    if (!frames_.empty() && frames_.back().value->is_array()) add_member(frames_.back(), "elements");
    if (++values_ > InputLimits::max_values) {
      throw ScenarioError(current_path(), "at most " + count_text(InputLimits::max_values) + " JSON values in a scenario",
                          "the document holds more");
    }
  }

  void add_member(Frame& frame, std::string_view what) {
    if (++frame.members > InputLimits::max_members) {
      throw ScenarioError(path_of(frames_.size() - 1),
                          "at most " + count_text(InputLimits::max_members) + " " + std::string(what) +
                              (frame.value->is_array() ? " in an array" : " in an object"),
                          "this one has more");
    }
  }

  // The path is made only for the error: a scenario is hundreds of thousands of strings.
  void refuse_nul(const std::string& text, std::string_view what) const {
    if (text.find('\0') == std::string::npos) return;
    throw ScenarioError(current_path(), std::string(what) + " without NUL characters (\\u0000): Nix strings cannot hold one",
                        "got one");
  }

  // The path of the value being read now: each open frame's current member.
  [[nodiscard]] std::string current_path() const { return path_of(frames_.size()); }

  // The path through the first `depth` open frames; with `next`, the innermost array's step
  // names the element after the last one counted.
  [[nodiscard]] std::string path_of(std::size_t depth, bool next = false) const {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& frame = frames_[i];
      if (!frame.value->is_array()) {
        out = child_path(out, frame.key);
      } else {
        const bool innermost = i + 1 == frames_.size();
        out = element_path(out, next && innermost ? frame.members : frame.members - 1);
      }
    }
    return out;
  }

  json document_;
  std::vector<Frame> frames_;
  json* member_ = nullptr;  // where the current key's value goes
  std::size_t values_ = 0;
  std::optional<Failure> failure_;
};

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::string at_line_and_column(std::string_view text, std::size_t byte) {
  const auto [line, column] = line_and_column(text, byte);
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message without its "[json.exception.KIND.ID] " prefix, nor the position that
// parse errors add ("parse error at line 1, column 2: ").
std::string detail_of(std::string_view detail) {
  if (const auto bracket = detail.find("] "); detail.starts_with("[") && bracket != std::string_view::npos) {
    detail.remove_prefix(bracket + 2);
  }
  if (const auto colon = detail.find(": "); detail.starts_with("parse error") && colon != std::string_view::npos) {
    detail.remove_prefix(colon + 2);
  }
  return std::string(detail);
}

}  // namespace

nlohmann::json read_checked_json(std::string_view text) {
  // nlohmann's lexer takes a NUL byte for the end of the text: what follows would be ignored.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    throw ScenarioError("", "JSON text, which holds no NUL bytes", "a NUL byte at " + at_line_and_column(text, nul + 1));
  }
  CheckedBuilder builder;
  if (json::sax_parse(text, &builder)) return builder.take();
  const auto& failure = *builder.failure();
  if (failure.syntax) {
    throw ScenarioError("", "a JSON document",
                        "malformed JSON at " + at_line_and_column(text, failure.byte) + ": " + detail_of(failure.message));
  }
  throw ScenarioError(failure.path, "a number within a double's range (up to about 1.8e308)", detail_of(failure.message));
}

}  // namespace ctrlab::oracle::scenario
