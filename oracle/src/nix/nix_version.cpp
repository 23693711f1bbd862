#include "nix/nix_version.hpp"

#include <charconv>
#include <optional>

namespace ctrlab::oracle::nix {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The next component: a run of digits, or a run of other characters; "." and "-" separate.
std::string_view next_component(std::string_view text, std::size_t& position) {
  while (position < text.size() && (text[position] == '.' || text[position] == '-')) ++position;
  const std::size_t start = position;
  if (position < text.size() && is_digit(text[position])) {
    while (position < text.size() && is_digit(text[position])) ++position;
  } else {
    while (position < text.size() && !is_digit(text[position]) && text[position] != '.' && text[position] != '-') {
      ++position;
    }
  }
  return text.substr(start, position - start);
}

std::optional<long long> as_number(std::string_view component) {
  if (component.empty() || !is_digit(component.front())) return std::nullopt;
  long long value = 0;
  const auto [end, error] = std::from_chars(component.data(), component.data() + component.size(), value);
  if (error != std::errc{} || end != component.data() + component.size()) return std::nullopt;
  return value;
}

bool component_less(std::string_view a, std::string_view b) {
  const auto number_a = as_number(a);
  const auto number_b = as_number(b);
  if (number_a && number_b) return *number_a < *number_b;
  if (a.empty() && number_b) return true;
  if (a == "pre" && b != "pre") return true;
  if (b == "pre") return false;
  if (number_b) return true;  // "2.3a" < "2.3.1"
  if (number_a) return false;
  return a < b;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  std::size_t position_a = 0;
  std::size_t position_b = 0;
  while (position_a < a.size() || position_b < b.size()) {
    const auto component_a = next_component(a, position_a);
    const auto component_b = next_component(b, position_b);
    if (component_less(component_a, component_b)) return -1;
    if (component_less(component_b, component_a)) return 1;
  }
  return 0;
}

}  // namespace ctrlab::oracle::nix
