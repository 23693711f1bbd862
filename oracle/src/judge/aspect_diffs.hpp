#pragma once

#include <map>
#include <string>
#include <vector>

#include "ctrlab/oracle/effects.hpp"
#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/oracle/verdict.hpp"

// One function per kind of comparison judge() makes; each returns the smallest list of
// differences a person needs, with `subject` naming the namespace or container.
namespace ctrlab::oracle::judging {

// Sequences (argv, operations) are aligned on their longest common subsequence; a run of
// removed items next to a run of added ones pairs up as "changed".
[[nodiscard]] std::vector<Difference> diff_argv(const std::string& subject, const Argv& predicted, const Argv& observed);
[[nodiscard]] std::vector<Difference> diff_operations(const std::string& subject,
                                                      const std::vector<PredictedOperation>& predicted,
                                                      const std::vector<OperationRecord>& observed,
                                                      std::vector<std::string>& notes);

// Links by name, addresses by (link, address/length), routes by (destination, gateway,
// device); kernel-chosen values match anything of their shape.
[[nodiscard]] std::vector<Difference> diff_links(const std::string& subject, const NamespaceState& predicted,
                                                 const NamespaceState& observed);
[[nodiscard]] std::vector<Difference> diff_addresses(const std::string& subject, const NamespaceState& predicted,
                                                     const NamespaceState& observed);
[[nodiscard]] std::vector<Difference> diff_routes(const std::string& subject, const NamespaceState& predicted,
                                                  const NamespaceState& observed);

[[nodiscard]] std::vector<Difference> diff_reachability(const std::vector<ReachabilityExpectation>& predicted,
                                                        const std::vector<ReachabilityResult>& observed,
                                                        std::vector<std::string>& notes);

[[nodiscard]] std::vector<Difference> diff_unit_history(const std::string& subject, const UnitHistory& predicted,
                                                        const UnitHistory& observed, const JudgeOptions& options,
                                                        std::vector<std::string>& notes);
// How the unit's stop ended: its state at rest, Result and main process exit.
[[nodiscard]] std::vector<Difference> diff_stop_outcome(const std::string& subject, const StopOutcome& predicted,
                                                        const StopOutcome& observed);
// The module's serviceConfig against the properties systemd loaded, for the settings whose
// `systemctl show` form ctrlab knows how to compare (Type, Restart, TimeoutStartSec, ...).
[[nodiscard]] std::vector<Difference> diff_unit_properties(const std::string& subject, const std::string& container,
                                                           const UnitDefinition& predicted,
                                                           const std::map<std::string, std::string>& observed,
                                                           std::vector<std::string>& notes);

// Each predicted mount against the topmost mount at its point (type for tmpfs, read-only for
// all), and whether the root is left after the stop; nspawn's own mounts are not judged.
[[nodiscard]] std::vector<Difference> diff_filesystem(const std::string& subject, const ContainerFilesystem& predicted,
                                                      const FilesystemObservation& observed);

}  // namespace ctrlab::oracle::judging
