#pragma once

#include <optional>
#include <string_view>
#include <utility>

// Enum <-> text tables as data: one array of pairs per enum, read both ways.
namespace ctrlab::oracle::enum_names {

template <class Enum, std::size_t N>
std::string_view name_of(const std::pair<Enum, std::string_view> (&table)[N], Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::pair<Enum, std::string_view> (&table)[N], std::string_view name) {
  for (const auto& [candidate, candidate_name] : table) {
    if (candidate_name == name) return candidate;
  }
  return std::nullopt;
}

}  // namespace ctrlab::oracle::enum_names
