#pragma once

#include <array>
#include <string_view>

// A set of bytes as a lookup table: the parsers test characters against small sets in
// their inner loops, where a table beats searching a string.
namespace ctrlab::oracle::shell {

class CharClass {
 public:
  constexpr explicit CharClass(std::string_view members) {
    for (const char c : members) table_[static_cast<unsigned char>(c)] = true;
  }
  [[nodiscard]] constexpr bool contains(char c) const { return table_[static_cast<unsigned char>(c)]; }
  [[nodiscard]] constexpr bool any_of(std::string_view text) const {
    for (const char c : text) {
      if (contains(c)) return true;
    }
    return false;
  }

 private:
  std::array<bool, 256> table_{};
};

}  // namespace ctrlab::oracle::shell
