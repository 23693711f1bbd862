#include "ctrlab/oracle/json_writer.hpp"

#include <ostream>
#include <stdexcept>

namespace ctrlab::oracle {

// --- text ---------------------------------------------------------------------------------
// nlohmann's pretty form: "{" or "[", each member on a line of its own indented one step
// deeper ("key": value), members separated by ",", the closing bracket on a line at the
// opening one's depth; an empty object or array is "{}" or "[]". Compact: no line breaks and
// no space after ":".

JsonTextWriter::JsonTextWriter(std::ostream& out, int indent) : out_(out), indent_(indent) {}

void JsonTextWriter::new_line(std::size_t depth) {
  if (indent_ < 0) return;
  out_.put('\n');
  const std::size_t width = depth * static_cast<std::size_t>(indent_);
  if (margin_.size() < width) margin_.resize(width, ' ');
  out_.write(margin_.data(), static_cast<std::streamsize>(width));
}

void JsonTextWriter::before_value() {
  if (levels_.empty() || levels_.back().object) return;  // the document, or after a key
  Level& array = levels_.back();
  if (array.members++ > 0) out_.put(',');
  new_line(levels_.size());
}

void JsonTextWriter::begin_object() {
  before_value();
  out_.put('{');
  levels_.push_back({true, 0, {}});
}

void JsonTextWriter::begin_array() {
  before_value();
  out_.put('[');
  levels_.push_back({false, 0, {}});
}

void JsonTextWriter::close(bool object, char bracket) {
  if (levels_.empty() || levels_.back().object != object) {
    throw std::logic_error(std::string("JSON writer: no open ") + (object ? "object" : "array") + " to close");
  }
  const bool empty = levels_.back().members == 0;
  levels_.pop_back();
  if (!empty) new_line(levels_.size());
  out_.put(bracket);
  if (levels_.empty()) out_.flush();
}

void JsonTextWriter::end_object() { close(true, '}'); }
void JsonTextWriter::end_array() { close(false, ']'); }

void JsonTextWriter::key(std::string_view key) {
  if (levels_.empty() || !levels_.back().object) throw std::logic_error("JSON writer: a key outside an object");
  Level& object = levels_.back();
  if (object.members > 0 && !(object.last_key < key)) {
    throw std::logic_error("JSON writer: key \"" + std::string(key) + "\" after \"" + object.last_key + "\"");
  }
  object.last_key = key;
  if (object.members++ > 0) out_.put(',');
  new_line(levels_.size());
  out_ << nlohmann::json(object.last_key).dump() << (indent_ < 0 ? ":" : ": ");
}

void JsonTextWriter::value(nlohmann::json value) {
  before_value();
  dumped_ = value.dump(indent_);
  if (indent_ <= 0 || levels_.empty()) {
    out_.write(dumped_.data(), static_cast<std::streamsize>(dumped_.size()));
    return;
  }
  // dump() indents from column 0; inside the document every line after the first moves over
  // to this depth. A line break is never inside a JSON string (it is escaped there). The
  // value goes out in one write: the stream may be an unbuffered one (std::cout synced with C).
  const std::size_t width = levels_.size() * static_cast<std::size_t>(indent_);
  indented_.clear();
  std::size_t from = 0;
  for (std::size_t at = dumped_.find('\n'); at != std::string::npos; at = dumped_.find('\n', from)) {
    indented_.append(dumped_, from, at + 1 - from);
    indented_.append(width, ' ');
    from = at + 1;
  }
  indented_.append(dumped_, from);
  out_.write(indented_.data(), static_cast<std::streamsize>(indented_.size()));
}

// --- value --------------------------------------------------------------------------------

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

// --- shapes -------------------------------------------------------------------------------

void write_object(JsonWriter& out, const JsonMembers& members) {
  out.begin_object();
  for (const auto& [key, write] : members) {
    out.key(key);
    write(out);
  }
  out.end_object();
}

nlohmann::json build_json(const std::function<void(JsonWriter&)>& write) {
  JsonValueBuilder builder;
  write(builder);
  return builder.take();
}

}  // namespace ctrlab::oracle
