#include "ctrlab/oracle/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <ostream>
#include <stdexcept>

namespace ctrlab::oracle {

// --- text ---------------------------------------------------------------------------------
// nlohmann's pretty form: "{" or "[", each member on a line of its own indented one step
// deeper ("key": value), members separated by ",", the closing bracket on a line at the
// opening one's depth; an empty object or array is "{}" or "[]". Compact: no line breaks and
// no space after ":".

JsonTextWriter::JsonTextWriter(std::ostream& out, int indent) : out_(out), indent_(indent), line_breaks_(",\n") {}

JsonTextWriter::~JsonTextWriter() { emit(); }

// The text goes out in large writes: a stream such as std::cout, synced with C's stdio, costs
// a call for each write, and a prediction is millions of small pieces.
void JsonTextWriter::emit() {
  out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
  text_.clear();
}

void JsonTextWriter::piece_written() {
  constexpr std::size_t chunk = 1U << 16U;
  if (depth_ == 0) {  // the document is complete
    emit();
    out_.flush();
  } else if (text_.size() >= chunk) {
    emit();
  }
}

// A line break and the indentation of `depth`, after a comma where an item came before. One
// append of a slice of line_breaks_: a prediction is hundreds of thousands of lines.
void JsonTextWriter::new_line(std::size_t depth, bool after_item) {
  const std::size_t comma_and_break = 2;
  const std::size_t end = comma_and_break + depth * static_cast<std::size_t>(indent_);
  if (line_breaks_.size() < end) line_breaks_.resize(end, ' ');
  const std::size_t from = after_item ? 0 : 1;
  text_.append(line_breaks_.data() + from, end - from);
}

// The separator before a member or an element of `level`: a comma after the one before, and
// in the pretty form a line of its own one step deeper.
void JsonTextWriter::begin_item(Level& level) {
  const bool after_item = level.members++ > 0;
  if (indent_ >= 0) {
    new_line(depth_, after_item);
  } else if (after_item) {
    text_ += ',';
  }
}

void JsonTextWriter::before_value() {
  if (depth_ == 0 || innermost().object) return;  // the document, or after a key
  begin_item(innermost());
}

void JsonTextWriter::open(bool object, char bracket) {
  before_value();
  text_ += bracket;
  if (depth_ == levels_.size()) levels_.emplace_back();
  Level& level = levels_[depth_++];
  level.object = object;
  level.members = 0;
}

void JsonTextWriter::begin_object() { open(true, '{'); }
void JsonTextWriter::begin_array() { open(false, '['); }

void JsonTextWriter::close(bool object, char bracket) {
  if (depth_ == 0 || innermost().object != object) {
    throw std::logic_error(std::string("JSON writer: no open ") + (object ? "object" : "array") + " to close");
  }
  const bool empty = innermost().members == 0;
  --depth_;
  if (!empty && indent_ >= 0) new_line(depth_, false);
  text_ += bracket;
  piece_written();
}

void JsonTextWriter::end_object() { close(true, '}'); }
void JsonTextWriter::end_array() { close(false, ']'); }

void JsonTextWriter::key(std::string_view key) {
  if (depth_ == 0 || !innermost().object) throw std::logic_error("JSON writer: a key outside an object");
  Level& object = innermost();
  if (object.members > 0 && !(object.last_key < key)) {
    throw std::logic_error("JSON writer: key \"" + std::string(key) + "\" after \"" + object.last_key + "\"");
  }
  object.last_key = key;
  begin_item(object);
  append_string(key);
  text_ += indent_ < 0 ? std::string_view(":") : std::string_view(": ");
}

void JsonTextWriter::value(nlohmann::json value) {
  before_value();
  dumped_ = value.dump(indent_);
  if (indent_ <= 0 || depth_ == 0) {
    text_ += dumped_;
  } else {
    // dump() indents from column 0; inside the document every line after the first moves
    // over to this depth. A line break is never inside a JSON string (it is escaped there).
    const std::size_t width = depth_ * static_cast<std::size_t>(indent_);
    std::size_t from = 0;
    for (std::size_t at = dumped_.find('\n'); at != std::string::npos; at = dumped_.find('\n', from)) {
      text_.append(dumped_, from, at + 1 - from);
      text_.append(width, ' ');
      from = at + 1;
    }
    text_.append(dumped_, from);
  }
  piece_written();
}

namespace {

// Which bytes a JSON string can hold as they are: printable ASCII but the quote and the
// backslash. One look-up a byte, for the bulk of a prediction is strings.
constexpr std::array<bool, 256> plain_bytes = [] {
  std::array<bool, 256> plain{};
  for (int byte = 0x20; byte < 0x7f; ++byte) plain[static_cast<std::size_t>(byte)] = byte != '"' && byte != '\\';
  return plain;
}();

bool is_plain(unsigned char byte) { return plain_bytes[byte]; }

// Where the first byte from `from` on that is not plain is (text.size() if there is none).
std::size_t plain_run(std::string_view text, std::size_t from) {
  while (from < text.size() && is_plain(static_cast<unsigned char>(text[from]))) ++from;
  return from;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A byte that is not plain, as nlohmann's dump() writes it in a string (serializer.hpp,
// dump_escaped, nlohmann 3.11.2): a short escape where JSON has one, \u00xx (lower-case hex)
// for the other control characters, DEL as it is.
void append_escape(std::string& text, unsigned char byte) {
  switch (byte) {
    case '"': text += "\\\""; return;
    case '\\': text += "\\\\"; return;
    case '\b': text += "\\b"; return;
    case '\f': text += "\\f"; return;
    case '\n': text += "\\n"; return;
    case '\r': text += "\\r"; return;
    case '\t': text += "\\t"; return;
    default: break;
  }
  if (byte >= 0x20) {
    text += static_cast<char>(byte);
    return;
  }
  constexpr std::string_view hex_digits = "0123456789abcdef";
  text += "\\u00";
  text += hex_digits[byte >> 4U];
  text += hex_digits[byte & 0xfU];
}

}  // namespace

// Plain text goes in as it is; other ASCII text is escaped here (an env file's text, a
// script); text with other bytes goes through nlohmann, which escapes it and refuses
// invalid UTF-8 as dump() does.
void JsonTextWriter::append_string(std::string_view text) {
  const std::size_t first_escape = plain_run(text, 0);
  if (first_escape < text.size() && !is_ascii(text.substr(first_escape))) {
    text_ += nlohmann::json(std::string(text)).dump();
    return;
  }
  text_ += '"';
  text_.append(text.data(), first_escape);
  append_escaped_ascii(text.substr(first_escape));
  text_ += '"';
}

// ASCII text: runs of plain bytes, each followed by a byte to escape.
void JsonTextWriter::append_escaped_ascii(std::string_view text) {
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t escape = plain_run(text, from);
    text_.append(text.data() + from, escape - from);
    if (escape == text.size()) return;
    append_escape(text_, static_cast<unsigned char>(text[escape]));
    from = escape + 1;
  }
}

void JsonTextWriter::string(std::string_view text) {
  before_value();
  append_string(text);
  piece_written();
}

void JsonTextWriter::scalar(std::string_view text) {
  before_value();
  text_ += text;
  piece_written();
}

void JsonTextWriter::boolean(bool flag) { scalar(flag ? "true" : "false"); }

void JsonTextWriter::number(std::int64_t number) {
  std::array<char, 24> digits{};
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  static_cast<void>(error);  // 24 places hold any 64-bit integer
  scalar({digits.data(), static_cast<std::size_t>(end - digits.data())});
}

void JsonTextWriter::null() { scalar("null"); }

// --- value --------------------------------------------------------------------------------

namespace {

// Builds the nlohmann::json value the same calls describe (build_json()).
class JsonValueBuilder final : public JsonWriter {
 public:
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

  [[nodiscard]] nlohmann::json take() { return std::move(document_); }

 private:
  nlohmann::json& next_slot();

  nlohmann::json document_;
  std::vector<nlohmann::json*> open_;  // the objects and arrays being filled, innermost last
  std::string pending_key_;
};


nlohmann::json& JsonValueBuilder::next_slot() {
  if (open_.empty()) return document_;
  nlohmann::json& container = *open_.back();
  if (container.is_array()) {
    container.push_back(nullptr);
    return container.back();
  }
  return container[pending_key_];
}

void JsonValueBuilder::begin_object() {
  nlohmann::json& slot = next_slot();
  slot = nlohmann::json::object();
  open_.push_back(&slot);
}

void JsonValueBuilder::begin_array() {
  nlohmann::json& slot = next_slot();
  slot = nlohmann::json::array();
  open_.push_back(&slot);
}

void JsonValueBuilder::end_object() {
  if (open_.empty() || !open_.back()->is_object()) throw std::logic_error("JSON builder: no open object to close");
  open_.pop_back();
}

void JsonValueBuilder::end_array() {
  if (open_.empty() || !open_.back()->is_array()) throw std::logic_error("JSON builder: no open array to close");
  open_.pop_back();
}

void JsonValueBuilder::key(std::string_view key) {
  if (open_.empty() || !open_.back()->is_object()) throw std::logic_error("JSON builder: a key outside an object");
  pending_key_ = key;
}

void JsonValueBuilder::value(nlohmann::json value) { next_slot() = std::move(value); }

void JsonValueBuilder::string(std::string_view text) { next_slot() = std::string(text); }
void JsonValueBuilder::boolean(bool flag) { next_slot() = flag; }
void JsonValueBuilder::number(std::int64_t number) { next_slot() = number; }
void JsonValueBuilder::null() { next_slot() = nullptr; }

}  // namespace

// --- shapes -------------------------------------------------------------------------------

void write_object(JsonWriter& out, const JsonMembers& members) {
  out.begin_object();
  for (const auto& [key, write] : members) {
    out.key(key);
    write(out);
  }
  out.end_object();
}

void write_strings(JsonWriter& out, const std::vector<std::string>& strings) {
  out.begin_array();
  for (const auto& text : strings) out.string(text);
  out.end_array();
}

void write_string_or_null(JsonWriter& out, const std::optional<std::string>& text) {
  if (text) {
    out.string(*text);
  } else {
    out.null();
  }
}

nlohmann::json build_json(const std::function<void(JsonWriter&)>& write) {
  JsonValueBuilder builder;
  write(builder);
  return builder.take();
}

}  // namespace ctrlab::oracle
