#pragma once

#include <string>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// Unit files as NixOS writes them from a unit definition (nixos/lib/systemd-lib.nix:
// `Key=${toString value}`, a list as one line per element, environment variables as JSON
// strings), plus the Exec lines the runner adds.
namespace ctrlab::runner::unit_file {

// One ExecStartPre=/ExecStart=/ExecStartPost= command.
struct ExecLine {
  std::string directive;   // ExecStartPre, ExecStart, ExecStartPost
  bool ignore_failure = false;  // the `-` prefix: the module's `|| true`
  std::string executable;  // absolute path, or a name systemd looks up in its own PATH
  oracle::Argv argv;       // argv[0] included; when it differs from `executable`, the `@` prefix keeps it
};

// One word of an Exec line, quoted and escaped so systemd reads back exactly `word`
// (specifiers `%` and variable references `$` included).
[[nodiscard]] std::string quote_exec_word(const std::string& word);
[[nodiscard]] std::string render_exec_line(const ExecLine& line);

// The whole unit file.
[[nodiscard]] std::string render(const oracle::UnitDefinition& unit, const std::vector<ExecLine>& exec_lines);

}  // namespace ctrlab::runner::unit_file
