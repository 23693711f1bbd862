#pragma once

#include <string>
#include <string_view>
#include <utility>
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
  void set(std::string name, std::string value);
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& variables() const { return variables_; }

 private:
  std::vector<std::pair<std::string, std::string>> variables_;
};

[[nodiscard]] Environment parse_environment_file(std::string_view text);

}  // namespace ctrlab::oracle::shell
