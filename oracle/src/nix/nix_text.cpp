#include "nix/nix_text.hpp"

#include <nlohmann/json.hpp>

namespace ctrlab::oracle::nix {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

// lib.escape [ "\\" "\"" "\${" ]
std::string escape_single_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 2);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' || line[i] == '"' || (line[i] == '$' && i + 1 < line.size() && line[i + 1] == '{')) {
      out += '\\';
    }
    out += line[i];
  }
  return out;
}

// replaceStrings [ "\${" "''" ] [ "''\${" "'''" ]
std::string escape_multi_line(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "${") == 0) {
      out += "''${";
      ++i;
    } else if (line.compare(i, 2, "''") == 0) {
      out += "'''";
      ++i;
    } else {
      out += line[i];
    }
  }
  return out;
}

// toPretty written into one buffer, depth first, so its cost is the size of what it writes;
// it stops writing at the budget's last line break (all that show_definition needs of it).
class PrettyWriter {
 public:
  explicit PrettyWriter(std::size_t max_line_breaks) : line_breaks_left_(max_line_breaks) {}

  void value(const nlohmann::json& value, std::size_t depth) {
    if (full()) return;
    switch (value.type()) {
      case nlohmann::json::value_t::null: return text("null");
      case nlohmann::json::value_t::boolean: return text(value.get<bool>() ? "true" : "false");
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned:
      case nlohmann::json::value_t::number_float: return text(value.dump());
      case nlohmann::json::value_t::string: return string(value.get_ref<const std::string&>(), depth);
      case nlohmann::json::value_t::array: {
        if (value.empty()) return text("[ ]");
        text("[");
        for (const auto& element : value) {
          line_break(depth + 1);
          this->value(element, depth + 1);
        }
        line_break(depth);
        return text("]");
      }
      case nlohmann::json::value_t::object: {
        if (value.empty()) return text("{ }");
        text("{");
        for (const auto& [name, member] : value.items()) {
          line_break(depth + 1);
          text(escape_identifier(name));
          text(" = ");
          this->value(member, depth + 1);
          text(";");
        }
        line_break(depth);
        return text("}");
      }
      default: return text("<unsupported>");
    }
  }

  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  [[nodiscard]] bool full() const { return line_breaks_left_ == 0; }

  void text(std::string_view piece) {
    if (!full()) out_.append(piece);
  }

  // A new line indented for `depth` (toPretty indents two spaces per level).
  void line_break(std::size_t depth) {
    if (full()) return;
    out_ += '\n';
    if (--line_breaks_left_ != 0) out_.append(2 * depth, ' ');
  }

  void string(std::string_view value, std::size_t depth) {
    const auto lines = split_lines(value);
    if (lines.size() == 1) return text("\"" + escape_single_line(value) + "\"");
    text("''");
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      line_break(depth + 1);
      text(escape_multi_line(lines[i]));
    }
    const std::string last = escape_multi_line(lines.back());
    line_break(last.empty() ? depth : depth + 1);
    text(last);
    text("''");
  }

  std::string out_;
  std::size_t line_breaks_left_;
};

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  const auto head = static_cast<unsigned char>(name.front());
  if (!((head >= 'a' && head <= 'z') || (head >= 'A' && head <= 'Z') || head == '_')) return false;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool ok = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                    byte == '_' || byte == '\'' || byte == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string pretty(const nlohmann::json& value, std::size_t max_line_breaks) {
  PrettyWriter writer(max_line_breaks);
  writer.value(value, 0);
  return writer.take();
}

std::string escape_string(std::string_view text) {
  const std::string json = nlohmann::json(std::string(text)).dump();
  std::string out;
  out.reserve(json.size());
  for (const char c : json) {
    if (c == '$') out += '\\';
    out += c;
  }
  return out;
}

std::string escape_identifier(std::string_view name) {
  return is_identifier(name) ? std::string(name) : escape_string(name);
}

std::string show_option(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out += '.';
    const std::string& part = parts[i];
    const bool placeholder = part == "*" || (part.size() >= 2 && part.front() == '<' && part.back() == '>');
    out += placeholder ? part : escape_identifier(part);
  }
  return out;
}

std::string show_definition(std::string_view file, std::string_view pretty_value) {
  const auto lines = split_lines(pretty_value);
  std::string out = "\n- In `" + std::string(file) + "'";
  if (lines.size() == 1) return out + ": " + std::string(pretty_value);
  out += ":";
  const std::size_t shown = std::min(lines.size(), shown_definition_lines);
  for (std::size_t i = 0; i < shown; ++i) out += "\n    " + std::string(lines[i]);
  if (lines.size() > shown_definition_lines) out += "\n    ...";
  return out;
}

std::string evaluator_error(std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ' || message.back() == '\t')) {
    message.remove_suffix(1);
  }
  std::string out;
  bool first = true;
  for (const auto line : split_lines(message)) {
    std::string framed = first ? "error: " : "\n";
    std::string content = (first ? "" : "       ") + std::string(line);
    while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) content.pop_back();
    out += framed + content;
    first = false;
  }
  return out;
}

}  // namespace ctrlab::oracle::nix
