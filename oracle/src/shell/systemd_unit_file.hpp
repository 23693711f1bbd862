#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// What systemd reads from the [Unit] and [Service] lines NixOS writes for a unit.
//
// NixOS writes each directive as `KEY=VALUE` (systemd-lib's attrsToSection: a list as one
// line per element, true as "1", false as ""), the value as it is. systemd's config parser
// (conf-parser.c) then reads lines, not directives: a line ends at \n, \r or \r\n; white
// space around it is stripped; empty lines and lines starting with # or ; are skipped; a line
// ending in an unescaped backslash continues on the next (the backslash becomes a space,
// comment lines in between are skipped); `[NAME]` starts a section (an unclosed one makes the
// whole file fail to load); a line without `=` is ignored; the key ends at the first `=`.
// So a value holding a line break, or ending in a backslash, changes which directives
// systemd reads: the lines after the break are directives of their own.
namespace ctrlab::oracle::shell {

// A directive systemd reads from a line the module wrote as part of another's value.
struct InjectedDirective {
  std::string section;  // where systemd files it: Unit, Service, or one it ignores (Install, X-...)
  std::string key;
  std::string value;
  std::string carrier;  // the directive whose value held the line, e.g. TimeoutStartSec
};

// A line the module wrote as a directive of its own that systemd reads otherwise: joined to
// the next by a trailing backslash, or not at all (joined to an earlier one, or in another
// section).
struct AlteredDirective {
  std::string section;
  std::string key;
  std::optional<std::string> readAs;  // nullopt: not read as this directive at all
};

struct UnitFileReading {
  UnitSection unitConfig;     // as systemd reads [Unit]
  UnitSection serviceConfig;  // as systemd reads [Service]
  std::vector<InjectedDirective> injected;
  std::vector<AlteredDirective> altered;
  std::optional<std::string> loadFailure;  // systemd's message when the whole file fails to load
};

// True when some value would be read back as written: no line break, no trailing backslash
// (then read_unit_sections has nothing to change, and the caller can skip it).
[[nodiscard]] bool reads_as_written(const UnitSection& section);

// The sections as systemd reads them back. A directive read exactly as the module wrote it
// keeps its value (and type); one read otherwise becomes the text read (several, a list).
[[nodiscard]] UnitFileReading read_unit_sections(const UnitSection& unitConfig, const UnitSection& serviceConfig);

}  // namespace ctrlab::oracle::shell
