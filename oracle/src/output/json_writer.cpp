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
//
// The separators and put_string() are declared inline: they run for each piece of a
// prediction, and GCC -O2 keeps a function not declared so as a call (together about 24 M
// instructions of predicting 1000 containers).

namespace {

// How much text goes to the stream at a time: a stream such as std::cout, synced with C's
// stdio, costs a call for each write, and a prediction is millions of small pieces.
constexpr std::size_t block_size = std::size_t{1} << 16U;

// Which bytes a JSON string can hold as they are: printable ASCII but the quote and the
// backslash. One look-up a byte, for the bulk of a prediction is strings.
constexpr std::array<bool, 256> plain_bytes = [] {
  std::array<bool, 256> plain{};
  for (int byte = 0x20; byte < 0x7f; ++byte) plain[static_cast<std::size_t>(byte)] = byte != '"' && byte != '\\';
  return plain;
}();

bool is_plain(char byte) { return plain_bytes[static_cast<unsigned char>(byte)]; }

// Where the first byte from `from` on that is not plain is (text.size() if there is none).
std::size_t plain_run(std::string_view text, std::size_t from) {
  while (from < text.size() && is_plain(text[from])) ++from;
  return from;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Copies `piece` to `to`; where the copy ends.
char* copy(std::string_view piece, char* to) { return std::copy(piece.begin(), piece.end(), to); }

}  // namespace

JsonTextWriter::JsonTextWriter(std::ostream& out, int indent)
    : out_(out), indent_(indent), line_breaks_(",\n"), block_(block_size) {}

JsonTextWriter::~JsonTextWriter() { emit(); }

// --- the block ---

void JsonTextWriter::emit() {
  out_.write(block_.data(), static_cast<std::streamsize>(filled_));
  filled_ = 0;
}

// Where `size` more bytes go (size <= block_size): the block's free end, emptied first if
// they do not fit. The caller counts them in filled_.
char* JsonTextWriter::room(std::size_t size) {
  if (size > block_.size() - filled_) emit();
  return block_.data() + filled_;
}

void JsonTextWriter::put(std::string_view piece) {
  if (piece.size() > block_.size()) {  // a huge string: straight through
    emit();
    out_.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    return;
  }
  filled_ = static_cast<std::size_t>(copy(piece, room(piece.size())) - block_.data());
}

void JsonTextWriter::put(char byte) {
  *room(1) = byte;
  ++filled_;
}

// Once the document is complete, what is left of it goes out and the stream is flushed (a
// caller may print more after it).
void JsonTextWriter::piece_written() {
  if (depth_ == 0) {
    emit();
    out_.flush();
  }
}

// --- layout ---

// A line break and the indentation of `depth`, after a comma where an item came before: a
// slice of line_breaks_ (made longer when a line is deeper than any before), for a
// prediction is hundreds of thousands of lines.
inline std::string_view JsonTextWriter::line_start(std::size_t depth, bool after_item) {
  const std::size_t end = 2 + depth * static_cast<std::size_t>(indent_);
  if (line_breaks_.size() < end) line_breaks_.resize(end, ' ');
  const std::size_t from = after_item ? 0 : 1;
  return {line_breaks_.data() + from, end - from};
}

// What comes before a member or an element of `level`: a comma after the one before, and in
// the pretty form a line of its own one step deeper.
inline std::string_view JsonTextWriter::item_separator(Level& level) {
  const bool after_item = level.members++ > 0;
  if (indent_ < 0) return after_item ? "," : "";
  return line_start(depth_, after_item);
}

// What comes before a value: nothing for the document or after a key; in an array, the
// separator of its elements.
inline std::string_view JsonTextWriter::value_separator() {
  if (depth_ == 0 || innermost().object) return "";
  return item_separator(innermost());
}

void JsonTextWriter::open(bool object, char bracket) {
  put(value_separator());
  put(bracket);
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
  if (!empty && indent_ >= 0) put(line_start(depth_, false));
  put(bracket);
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
  put_string(item_separator(object), key);
  put(':');
  if (indent_ >= 0) put(' ');
}

void JsonTextWriter::value(nlohmann::json value) {
  put(value_separator());
  dumped_ = value.dump(indent_);
  if (indent_ <= 0 || depth_ == 0) {
    put(dumped_);
  } else {
    // dump() indents from column 0; inside the document every line after the first moves
    // over to this depth. A line break is never inside a JSON string (it is escaped there).
    const std::string_view text = dumped_;
    std::size_t from = 0;
    for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', from)) {
      put(text.substr(from, at + 1 - from));
      put(line_start(depth_, false).substr(1));
      from = at + 1;
    }
    put(text.substr(from));
  }
  piece_written();
}

void JsonTextWriter::string(std::string_view text) {
  put_string(value_separator(), text);
  piece_written();
}

void JsonTextWriter::scalar(std::string_view text) {
  put(value_separator());
  put(text);
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

// --- strings ---

// `separator`, then `text` as a JSON string. Plain text (nearly all of a prediction) is
// copied in at once with its separator and quotes.
inline void JsonTextWriter::put_string(std::string_view separator, std::string_view text) {
  const std::size_t size = separator.size() + 1 + text.size() + 1;
  if (size > block_.size() || plain_run(text, 0) != text.size()) {
    put(separator);
    put_escaped_string(text);
    return;
  }
  char* end = copy(separator, room(size));
  *end++ = '"';
  end = copy(text, end);
  *end++ = '"';
  filled_ = static_cast<std::size_t>(end - block_.data());
}

// Text that is not all plain, or longer than a block. ASCII text is escaped here (an env
// file's text, a script); text with other bytes goes through nlohmann, which escapes it and
// refuses invalid UTF-8 as dump() does.
void JsonTextWriter::put_escaped_string(std::string_view text) {
  if (!is_ascii(text)) {
    put(nlohmann::json(std::string(text)).dump());
    return;
  }
  put('"');
  put_escaped_ascii(text);
  put('"');
}

// ASCII text: runs of plain bytes, each followed by a byte to escape.
void JsonTextWriter::put_escaped_ascii(std::string_view text) {
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t escape = plain_run(text, from);
    put(text.substr(from, escape - from));
    if (escape == text.size()) return;
    put_escaped(static_cast<unsigned char>(text[escape]));
    from = escape + 1;
  }
}

// A byte that is not plain, as nlohmann's dump() writes it in a string (serializer.hpp,
// dump_escaped, nlohmann 3.11.2): a short escape where JSON has one, \u00xx (lower-case hex)
// for the other control characters, DEL as it is.
void JsonTextWriter::put_escaped(unsigned char byte) {
  switch (byte) {
    case '"': put("\\\""); return;
    case '\\': put("\\\\"); return;
    case '\b': put("\\b"); return;
    case '\f': put("\\f"); return;
    case '\n': put("\\n"); return;
    case '\r': put("\\r"); return;
    case '\t': put("\\t"); return;
    default: break;
  }
  if (byte >= 0x20) {
    put(static_cast<char>(byte));
    return;
  }
  constexpr std::string_view hex_digits = "0123456789abcdef";
  put("\\u00");
  put(hex_digits[byte >> 4U]);
  put(hex_digits[byte & 0xfU]);
}

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
