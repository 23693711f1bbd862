#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

// A JSON document written piece by piece. The same code that describes a document's shape
// writes it either as text, member by member without ever holding the whole document (a
// prediction for 100 000 containers is gigabytes as a JSON value, and megabytes at a time as
// text), or into an nlohmann::json value for the code that compares documents. The text is
// byte for byte what nlohmann's dump() prints for that value.
namespace ctrlab::oracle {

class JsonWriter {
 public:
  JsonWriter() = default;
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  virtual ~JsonWriter() = default;

  virtual void begin_object() = 0;
  virtual void end_object() = 0;
  virtual void begin_array() = 0;
  virtual void end_array() = 0;
  // The next member's key. Members come in strictly ascending key order, the order an
  // nlohmann object (a std::map) prints them in; anything else is a std::logic_error.
  virtual void key(std::string_view key) = 0;
  // A whole value: in an array, after a key, or as the document.
  virtual void value(nlohmann::json value) = 0;
  // A string value, without making a JSON value of it first (the bulk of a prediction is
  // strings: argv words, paths).
  virtual void string(std::string_view text) = 0;
  // Scalars, likewise without a JSON value: a prediction's states are mostly flags and
  // small numbers beside its strings.
  virtual void boolean(bool flag) = 0;
  virtual void number(std::int64_t number) = 0;
  virtual void null() = 0;
};

// Prints as nlohmann::json::dump(indent) would (indent < 0: compact), to `out` as it goes.
class JsonTextWriter final : public JsonWriter {
 public:
  JsonTextWriter(std::ostream& out, int indent);
  ~JsonTextWriter() override;
  JsonTextWriter(const JsonTextWriter&) = delete;
  JsonTextWriter& operator=(const JsonTextWriter&) = delete;

  void begin_object() override;
  void end_object() override;
  void begin_array() override;
  void end_array() override;
  void key(std::string_view key) override;
  void value(nlohmann::json value) override;
  void string(std::string_view text) override;
  void boolean(bool flag) override;
  void number(std::int64_t number) override;
  void null() override;

 private:
  struct Level {
    bool object = false;
    std::size_t members = 0;
    std::string last_key;
  };
  Level& innermost() { return levels_[depth_ - 1]; }
  void open(bool object, char bracket);
  void close(bool object, char bracket);
  std::string_view value_separator();
  std::string_view item_separator(Level& level);
  std::string_view line_start(std::size_t depth, bool after_item);
  void put_string(std::string_view separator, std::string_view text);
  void put_escaped_string(std::string_view text);
  void put_escaped_ascii(std::string_view text);
  void put_escaped(unsigned char byte);
  void scalar(std::string_view text);
  char* room(std::size_t size);
  void put(std::string_view piece);
  void put(char byte);
  void piece_written();
  void emit();

  std::ostream& out_;
  int indent_;
  // The open objects and arrays are the first depth_ levels. A closed level stays for the next
  // one at its depth: its last_key keeps its buffer, and most keys are too long for a
  // std::string to hold without one.
  std::vector<Level> levels_;
  std::size_t depth_ = 0;
  std::string line_breaks_;  // ",\n" and the deepest indentation so far: any line start is a slice
  // Written, not yet handed to out_: a block of fixed size, filled up to `filled_`. A line
  // start, a quoted string and what follows it are copied in at once where they fit.
  std::vector<char> block_;
  std::size_t filled_ = 0;
  std::string dumped_;  // one value's text at a time, as dump() prints it
};

// An object as its members, each written when its turn comes (a std::map keeps them in the
// order they are printed in).
using JsonMembers = std::map<std::string, std::function<void(JsonWriter&)>, std::less<>>;
void write_object(JsonWriter& out, const JsonMembers& members);

// An array of strings.
void write_strings(JsonWriter& out, const std::vector<std::string>& strings);

// A string, or null where there is none.
void write_string_or_null(JsonWriter& out, const std::optional<std::string>& text);

// A key and its string value: the most common member.
inline void write_member(JsonWriter& out, std::string_view key, std::string_view text) {
  out.key(key);
  out.string(text);
}

// An array with one value per item, each written by `write_item(out, item)`.
template <class Items, class WriteItem>
void write_array(JsonWriter& out, const Items& items, WriteItem write_item) {
  out.begin_array();
  for (const auto& item : items) write_item(out, item);
  out.end_array();
}

// An object with one member per entry of a map keyed by name, each value written by
// `write_value(out, value)`.
template <class Map, class WriteValue>
void write_each(JsonWriter& out, const Map& entries, WriteValue write_value) {
  out.begin_object();
  for (const auto& entry : entries) {
    out.key(entry.first);
    write_value(out, entry.second);
  }
  out.end_object();
}

// The value the calls of `write` describe.
[[nodiscard]] nlohmann::json build_json(const std::function<void(JsonWriter&)>& write);

}  // namespace ctrlab::oracle
