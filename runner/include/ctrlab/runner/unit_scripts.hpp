#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/observation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// The module's unit scripts as the sandbox runs them. A script's text is not predicted, its
// commands are: the runner writes each script's commands into a file, and ctrlab-commands
// (one ExecStartPre/ExecStartPost line per script) runs them in order, without a shell, the
// way the script's `-e` or `|| true` says; `ip` commands through netlink. Every command's
// outcome goes to the unit's log, one JSON line each, with the activation's $INVOCATION_ID.
namespace ctrlab::runner::unit_scripts {

inline constexpr std::string_view directory_inside = "/run/ctrlab-commands";

// The module's scripts, as the oracle names them (the container init is the probe's, not a
// command list).
using Script = oracle::UnitScript;
// The stage a network command of this script has in an observation (start has none).
[[nodiscard]] std::optional<oracle::OperationStage> stage_of(Script script);

struct CommandList {
  Script script = Script::pre_start;
  bool ignore_failures = false;  // preStart's `|| true` (2018 and later)
  std::vector<oracle::Argv> commands;
  // Where bash stops reading the script (oracle::ScriptSyntaxError): after the commands, the
  // script prints bash's message and exits 2, as bash does at a line it cannot read.
  std::optional<std::string> syntax_error;
};

struct LogEntry {
  std::string invocation;  // $INVOCATION_ID: one per start of the unit
  Script script = Script::pre_start;
  oracle::Argv argv;
  oracle::CommandOutcome outcome;
};

// Where a unit's files are, inside the sandbox.
[[nodiscard]] std::filesystem::path command_file(std::string_view unit, Script script);
[[nodiscard]] std::filesystem::path log_file(std::string_view unit);

[[nodiscard]] nlohmann::json to_json(const CommandList& list);
// Throws std::runtime_error naming what is malformed.
[[nodiscard]] CommandList command_list_from_json(const nlohmann::json& json);
[[nodiscard]] std::string log_line(const LogEntry& entry);
// Every entry of a log's text in order; malformed lines (a command killed mid-write) are skipped.
[[nodiscard]] std::vector<LogEntry> parse_log(const std::string& text);

}  // namespace ctrlab::runner::unit_scripts
