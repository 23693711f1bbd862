#include "scenario/checked_json.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ctrlab/oracle/parse.hpp"
#include "scenario/json_node.hpp"

namespace ctrlab::oracle::scenario {
namespace {

using Event = nlohmann::json::parse_event_t;

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

// Follows the parser's events: where in the document it is, how much it has read, and the
// keys each open object has had so far.
class ReadingWatch {
 public:
  bool operator()(int /*depth*/, Event event, const nlohmann::json& parsed) {
    switch (event) {
      case Event::object_start: open(false); break;
      case Event::array_start: open(true); break;
      case Event::object_end:
      case Event::array_end: frames_.pop_back(); break;
      case Event::key: key(parsed.get_ref<const std::string&>()); break;
      case Event::value:
        count_value();
        if (parsed.is_string()) refuse_nul(parsed.get_ref<const std::string&>(), "a string");
        break;
    }
    return true;
  }

  // The JSON path of the value the parser failed on: the innermost array's next element
  // (a value is counted once read), or the innermost object's current key.
  [[nodiscard]] std::string failed_value_path() const { return path_of(frames_.size(), true); }

 private:
  struct Frame {
    bool is_array = false;
    std::size_t members = 0;  // elements or keys so far
    std::string key;          // objects: the current key
    std::set<std::string, std::less<>> keys;  // objects: every key so far (n log n, whatever the keys)
  };

  void open(bool is_array) {
    count_value();
    if (frames_.size() + 1 > InputLimits::max_depth) {
      throw ScenarioError(current_path(),
                          "arrays and objects nested at most " + std::to_string(InputLimits::max_depth) + " deep",
                          "this one is nested deeper");
    }
    frames_.push_back({is_array, 0, {}, {}});
  }

  // Each value counts towards the document's total and, in an array, the array's members.
  void count_value() {
    if (!frames_.empty() && frames_.back().is_array) add_member("elements");
    if (++values_ > InputLimits::max_values) {
      throw ScenarioError(current_path(), "at most " + count_text(InputLimits::max_values) + " JSON values in a scenario",
                          "the document holds more");
    }
  }

  void key(const std::string& name) {
    add_member("keys");
    Frame& frame = frames_.back();
    const bool first = frame.keys.insert(name).second;
    frame.key = name;
    refuse_nul(name, "a key");
    if (!first) throw ScenarioError(current_path(), "each key at most once per object", "duplicate key \"" + name + "\"");
  }

  void add_member(std::string_view what) {
    Frame& frame = frames_.back();
    if (++frame.members > InputLimits::max_members) {
      throw ScenarioError(path_of(frames_.size() - 1),
                          "at most " + count_text(InputLimits::max_members) + " " + std::string(what) +
                              (frame.is_array ? " in an array" : " in an object"),
                          "this one has more");
    }
  }

  void refuse_nul(const std::string& text, std::string_view what) const {
    if (text.find('\0') == std::string::npos) return;
    throw ScenarioError(current_path(), std::string(what) + " without NUL characters (\\u0000): Nix strings cannot hold one",
                        "got one");
  }

  // The path of the value being read now: each open frame's current member.
  [[nodiscard]] std::string current_path() const { return path_of(frames_.size(), false); }

  // The path through the first `depth` open frames; with `next`, the innermost array's step
  // names the element after the last one counted.
  [[nodiscard]] std::string path_of(std::size_t depth, bool next = false) const {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& frame = frames_[i];
      if (!frame.is_array) {
        out = child_path(out, frame.key);
      } else {
        const bool innermost = i + 1 == frames_.size();
        out = element_path(out, next && innermost ? frame.members : frame.members - 1);
      }
    }
    return out;
  }

  std::vector<Frame> frames_;
  std::size_t values_ = 0;
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
std::string detail_of(const nlohmann::json::exception& error) {
  std::string_view detail = error.what();
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
  ReadingWatch watch;
  try {
    return nlohmann::json::parse(text, [&watch](int depth, Event event, nlohmann::json& parsed) {
      return watch(depth, event, parsed);
    });
  } catch (const nlohmann::json::parse_error& error) {
    throw ScenarioError("", "a JSON document", "malformed JSON at " + at_line_and_column(text, error.byte) + ": " + detail_of(error));
  } catch (const nlohmann::json::out_of_range& error) {
    throw ScenarioError(watch.failed_value_path(), "a number within a double's range (up to about 1.8e308)",
                        detail_of(error));
  } catch (const nlohmann::json::exception& error) {
    throw ScenarioError(watch.failed_value_path(), "a JSON document", detail_of(error));
  }
}

}  // namespace ctrlab::oracle::scenario
