#include "markup.hpp"

#include <algorithm>
#include <cstdio>

namespace ctrlab::reports {

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 || c == '\n' || c == '\t' || c == '\r') out += c;
      }
    }
  }
  return out;
}

std::string markdown_text(std::string_view text) {
  static constexpr std::string_view markup = "\\`*_[]<>|~&#!";
  std::string out;
  for (const char c : text) {
    if (c == '\n') {
      out += "<br>";
    } else {
      if (markup.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

namespace {

std::size_t longest_backtick_run(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

std::string markdown_code(std::string_view text) {
  if (text.empty()) return {};
  std::string body;
  for (const char c : text) {
    if (c == '|') {
      body += "\\|";
    } else {
      body += c == '\n' ? ' ' : c;
    }
  }
  const std::string fence(longest_backtick_run(text) + 1, '`');
  // A space inside each delimiter is stripped by the reader; it keeps a backtick at an end
  // from joining the delimiter.
  const bool pad = body.front() == '`' || body.back() == '`' || (body.front() == ' ' && body.back() == ' ');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string markdown_code_block(std::string_view text) {
  const std::string fence(std::max<std::size_t>(3, longest_backtick_run(text) + 1), '`');
  std::string block = fence + "text\n" + std::string(text);
  if (!block.ends_with('\n')) block += '\n';
  return block + fence + "\n";
}

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

}  // namespace ctrlab::reports
