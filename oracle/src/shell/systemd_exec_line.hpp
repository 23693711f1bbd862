#pragma once

#include <string>
#include <string_view>
#include <vector>

// How systemd splits an ExecStart= command line into argv: white space separates words,
// single and double quotes group them (and are removed), a backslash escapes the next
// character. `uses_expansion` is set when the line holds `%` specifiers or `$` variables,
// which systemd would expand (ctrlab leaves them as written).
namespace ctrlab::oracle::shell {

struct ExecLine {
  std::vector<std::string> argv;
  bool usesExpansion = false;
};

[[nodiscard]] ExecLine split_exec_line(std::string_view line);

}  // namespace ctrlab::oracle::shell
