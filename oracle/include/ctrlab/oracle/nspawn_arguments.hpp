#pragma once

#include <map>
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
// network effects, the file systems and the simulator share.
namespace ctrlab::oracle {

// Owns its values, so that it can be kept apart from the argv it was read from.
struct NspawnArguments {
  // Each option in argv order: its long name (or "-j", "-U", "-P" for the short options
  // that have none; static strings) and its value ("" for a flag).
  std::vector<std::pair<std::string_view, std::string>> options;
  std::optional<std::string> refusal;        // getopt's message when nspawn refuses the argv
  std::optional<std::size_t> command_index;  // where the command starts, if there is one
  std::optional<std::string> command;        // the word there: what nspawn runs as the container's PID 1
};

[[nodiscard]] NspawnArguments read_nspawn_arguments(const Argv& argv);

// Every container's nspawn argv as nspawn reads it, by container name. Reading an argv is
// most of what follows from it for a large host, so a prediction reads each one once
// (oracle::expect) and the network effects, the file systems and the simulator share it.
using NspawnArgumentsByContainer = std::map<std::string, NspawnArguments, std::less<>>;
[[nodiscard]] NspawnArgumentsByContainer read_nspawn_arguments(const Prediction& prediction);

}  // namespace ctrlab::oracle
