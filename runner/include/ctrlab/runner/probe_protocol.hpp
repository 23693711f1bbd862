#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ctrlab/oracle/behaviour.hpp"
#include "ctrlab/oracle/kernel_operation.hpp"
#include "ctrlab/oracle/prediction.hpp"

// How the runner and the probe (ctrlab's container init) talk: through files in the probe's
// state directory, which survives reboots of the container. The runner writes plan.json
// before the unit starts; the probe writes boot-N.json for its N-th boot (0-based), replacing
// it atomically as it goes, so the runner can read how far each boot got.
namespace ctrlab::runner::probe {

// Inside the container, the probe looks for its state directory in this order: the
// per-container profile that 2018+ bind-mounts read-write at /nix/var/nix/profiles, then
// the container's root directory (2014 binds all of /nix read-only).
inline constexpr const char* state_dir_candidates[] = {"/nix/var/nix/profiles/ctrlab-probe", "/ctrlab-probe"};
inline constexpr const char* state_dir_name = "ctrlab-probe";
inline constexpr const char* plan_file = "plan.json";

// A port the probe serves on every address of its namespace once it reaches stage 2, for the
// runner's reachability probes: TCP accepts (and holds until the peer ends the connection), UDP
// sends each datagram back.
struct Listener {
  std::string protocol;  // tcp or udp
  std::uint16_t port = 0;
  friend auto operator<=>(const Listener&, const Listener&) = default;
};

struct Plan {
  std::string container;
  // The container-side commands the module's init would run before stage 2, in order.
  std::vector<oracle::Argv> operations;
  oracle::ProbeScript script;
  std::vector<Listener> listeners;  // empty when the container shares the host's network
  // false: IPv6 duplicate address detection is turned off in the container's namespace before
  // the operations run, so its addresses answer at once instead of 1-2 s later.
  bool duplicate_address_detection = true;
  // When set, the probe execs this argv once the operations succeeded, instead of signalling
  // readiness and behaving as the script says: the payload's own init (payload.hpp) then boots
  // and says READY=1 itself.
  std::vector<std::string> exec_after_stage_2;
};

struct OperationResult {
  oracle::Argv argv;
  oracle::CommandOutcome outcome;
};

struct BootReport {
  std::size_t boot = 0;
  pid_t pid = 0;                                  // 1 when it runs as the container's init
  std::vector<std::string> argv;                  // as the probe was exec'd
  std::map<std::string, std::string> environment; // what nspawn's --setenv gave it
  std::vector<OperationResult> operations;
  bool reached_stage_2 = false;  // every operation succeeded (the module's init then sources stage 2)
  bool ready_sent = false;       // READY=1 went to $NOTIFY_SOCKET
  // Stage 2 reached and readiness signalled where nspawn asked for it (--notify-ready=yes
  // sets $NOTIFY_SOCKET): from here on the boot follows its behaviour.
  bool up = false;
  std::string action;            // what the boot is doing: stay-up, exit, reboot, poweroff, hang-before-ready
  std::string error;             // the probe itself failed (no plan, unreadable state)
  // CLOCK_MONOTONIC in microseconds (one clock for the sandbox and its containers): when the
  // probe began (nspawn had set the container up and exec'd its init), and when it was up
  // (just before READY=1) or handed over to the payload's init; 0 where it did not get there.
  std::int64_t started_usec = 0;
  std::int64_t up_usec = 0;
  std::string handed_over_to;    // the program the probe exec'd after stage 2, if any
  std::string machine;           // uname(2)'s machine as the probe saw it ("" in older reports)
};

[[nodiscard]] std::filesystem::path report_file(std::size_t boot);

void to_json(nlohmann::json& json, const Plan& plan);
void to_json(nlohmann::json& json, const BootReport& report);
// Both throw std::runtime_error naming the JSON path for a malformed file.
[[nodiscard]] Plan plan_from_json(const nlohmann::json& json);
[[nodiscard]] BootReport boot_report_from_json(const nlohmann::json& json);

}  // namespace ctrlab::runner::probe
