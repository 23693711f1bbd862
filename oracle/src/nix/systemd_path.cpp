#include "nix/systemd_path.hpp"

#include <algorithm>
#include <vector>

namespace ctrlab::oracle::nix {
namespace {

constexpr std::string_view escaped_characters = " !\"#$%&'()*+,;<=>?@[\\]^`{|}~-";

void append_escaped(std::string& out, char c) {
  constexpr std::string_view hex = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(c);
  out += "\\x";
  out += hex[byte >> 4U];
  out += hex[byte & 0x0fU];
}

}  // namespace

std::string escape_systemd_path(std::string_view path) {
  std::vector<std::string_view> components;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view component = path.substr(start, slash - start);
    if (!component.empty() && component != ".") components.push_back(component);
    start = slash + 1;
  }
  if (components.empty()) return "-";
  std::string out;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (i != 0) out += '-';
    for (std::size_t j = 0; j < components[i].size(); ++j) {
      const char c = components[i][j];
      const bool leading_dot = i == 0 && j == 0 && c == '.';
      if (leading_dot || escaped_characters.find(c) != std::string_view::npos) append_escaped(out, c);
      else out += c;
    }
  }
  return out;
}

}  // namespace ctrlab::oracle::nix
