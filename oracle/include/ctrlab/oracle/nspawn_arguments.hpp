#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctrlab/oracle/prediction.hpp"

// How systemd-nspawn 252 reads its argv (parse_argv(): getopt_long with "+", so the options
// end at the first word that is not one, and that word starts the command run in the
// container): its option table, unambiguous abbreviations, short clusters, and the messages
// getopt refuses an argv with. The one reading of an nspawn argv that the rendering, the
// network effects and the simulator share.
namespace ctrlab::oracle {

struct NspawnArguments {
  // Each option in argv order: its long name (or "-j", "-U", "-P" for the short options
  // that have none) and its value ("" for a flag). Views into the argv, which must outlive this.
  std::vector<std::pair<std::string_view, std::string_view>> options;
  std::optional<std::string> refusal;        // getopt's message when nspawn refuses the argv
  std::optional<std::size_t> command_index;  // where the command starts, if there is one
};

[[nodiscard]] NspawnArguments read_nspawn_arguments(const Argv& argv);

}  // namespace ctrlab::oracle
