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
