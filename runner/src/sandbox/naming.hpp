#pragma once

#include <filesystem>
#include <string>
#include <string_view>

// How a sandbox's artifacts are named and where they live; shared by the sandbox, its claim and
// the leftover reaper so that the three agree.
namespace ctrlab::runner::sandbox_naming {

inline constexpr std::string_view machine_prefix = "ctrlab-sandbox-";

[[nodiscard]] bool is_sandbox_name(std::string_view name);
// A fresh machine name: ctrlab-sandbox-PID-N-XXXX (the owner's pid first, for people reading
// `ps`; a counter and random digits, so a recycled pid never meets a dead run's name).
[[nodiscard]] std::string new_machine_name();

// /run/ctrlab: one claim (a lock file) per live sandbox. It does not depend on the environment,
// so runs with different TMPDIRs see each other; it is root's and closed to everyone else.
[[nodiscard]] std::filesystem::path claims_dir();
[[nodiscard]] std::filesystem::path claim_path(std::string_view machine);
// The machine a claim file or a work directory belongs to ("" when it is none of ours).
[[nodiscard]] std::string machine_of_claim(const std::filesystem::path& file);
[[nodiscard]] std::string machine_of_work_dir(const std::filesystem::path& directory);

// Where work directories are made: TMPDIR (mkdtemp'd as MACHINE.XXXXXX, mode 0700).
[[nodiscard]] std::filesystem::path work_dirs_parent();
[[nodiscard]] std::string work_dir_template(std::string_view machine);

}  // namespace ctrlab::runner::sandbox_naming
