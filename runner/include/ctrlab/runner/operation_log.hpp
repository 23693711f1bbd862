#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// ctrlab-ip's record of the ip commands a unit's ExecStartPre/ExecStartPost ran: one JSON line
// per command in /run/ctrlab/operations/UNIT.jsonl, the unit taken from ctrlab-ip's own
// cgroup and the start attempt from $INVOCATION_ID, which systemd sets for every process of
// one activation.
namespace ctrlab::runner::operation_log {

inline constexpr const char* directory_inside = "/run/ctrlab/operations";

struct Entry {
  std::string invocation;  // $INVOCATION_ID
  oracle::Argv argv;
  oracle::CommandOutcome outcome;
};

[[nodiscard]] std::filesystem::path file_for(const std::filesystem::path& directory, const std::string& unit);
// The line ctrlab-ip appends.
[[nodiscard]] std::string to_line(const Entry& entry);
// Every entry of a log, in order; malformed lines are skipped (a command killed mid-write).
[[nodiscard]] std::vector<Entry> read(const std::filesystem::path& file);

}  // namespace ctrlab::runner::operation_log
