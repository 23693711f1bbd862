#pragma once

#include <string>
#include <string_view>
#include <vector>

// How systemd reads an EnvironmentFile= (src/basic/env-file.c): KEY=VALUE lines, '#'/';'
// comments, single quotes kept literally, double quotes with \ escapes for \ " ` $, a
// backslash-newline continuing the line, surrounding white space trimmed from unquoted
// values; assignments whose name is not a valid environment variable name are dropped.
namespace ctrlab::oracle::shell {

class Environment {
 public:
  // The value, or "" when unset (the scripts only ever test for non-empty values).
  [[nodiscard]] std::string_view get(std::string_view name) const;
  // Calls visit(name, value) for every assignment read, in file order (a name assigned twice
  // is visited twice; get() gives the last).
  template <class Visit>
  void for_each_assignment(const Visit& visit) const {
    const std::string_view text(text_);
    for (const auto& entry : entries_) {
      visit(text.substr(entry.name_offset, entry.name_size), text.substr(entry.value_offset, entry.value_size));
    }
  }

 private:
  friend class EnvFileParser;
  struct Entry {
    std::size_t name_offset, name_size, value_offset, value_size;
  };
  std::string text_;  // names and values, back to back
  std::vector<Entry> entries_;
};

[[nodiscard]] Environment parse_environment_file(std::string_view text);

}  // namespace ctrlab::oracle::shell
