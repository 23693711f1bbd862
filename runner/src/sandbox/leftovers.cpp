#include "ctrlab/runner/leftovers.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "sandbox/claim.hpp"
#include "sandbox/naming.hpp"
#include "system/cgroup.hpp"
#include "system/files.hpp"
#include "system/processes.hpp"

namespace ctrlab::runner {
namespace {

namespace naming = sandbox_naming;
namespace fs = std::filesystem;

constexpr auto reap_timeout = std::chrono::seconds(15);

bool starts_with_any(std::string_view name, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](auto prefix) { return name.starts_with(prefix); });
}

std::vector<fs::path> entries_of(const fs::path& directory) {
  std::vector<fs::path> entries;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    entries.push_back(it->path());
  }
  return entries;
}

std::vector<fs::path> work_dirs_of(const std::string& machine) {
  std::vector<fs::path> found;
  for (const auto& entry : entries_of(naming::work_dirs_parent())) {
    if (naming::machine_of_work_dir(entry) == machine) found.push_back(entry);
  }
  return found;
}

// Machine names of sandboxes with any artifact on this machine.
std::set<std::string> sandbox_names_present() {
  std::set<std::string> names;
  for (const auto& root : sys::CgroupSet::hierarchy_roots()) {
    for (const auto& entry : entries_of(root)) {
      if (naming::is_sandbox_name(entry.filename().string())) names.insert(entry.filename().string());
    }
  }
  for (const auto& entry : entries_of(naming::claims_dir())) {
    if (auto machine = naming::machine_of_claim(entry); !machine.empty()) names.insert(std::move(machine));
  }
  for (const auto& entry : entries_of(naming::work_dirs_parent())) {
    if (auto machine = naming::machine_of_work_dir(entry); !machine.empty()) names.insert(std::move(machine));
  }
  return names;
}

// The machine name a systemd-nspawn command line runs, if it is one.
std::optional<std::string> nspawn_machine(const std::vector<std::string>& argv) {
  if (argv.empty() || !argv.front().ends_with("systemd-nspawn")) return std::nullopt;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if ((argv[i] == "-M" || argv[i] == "--machine") && i + 1 < argv.size()) return argv[i + 1];
    if (argv[i].starts_with("--machine=")) return argv[i].substr(10);
  }
  return std::string();
}

bool in_sandbox_cgroup(const fs::path& process) {
  const auto cgroups = sys::read_file_if_exists(process / "cgroup").value_or("");
  return cgroups.find(":/" + std::string(naming::machine_prefix)) != std::string::npos;
}

std::string describe(const fs::path& process, const std::vector<std::string>& argv) {
  std::string text = process.filename().string() + ":";
  for (const auto& arg : argv) text += " " + arg;
  return text;
}

// systemd-nspawn processes that are ctrlab's: sandboxes, and containers started inside them.
std::vector<Leftover> nspawn_processes(const std::optional<std::string>& only_machine) {
  std::vector<Leftover> found;
  for (const auto& process : entries_of("/proc")) {
    const auto name = process.filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name.front()))) continue;
    const auto argv = sys::split_nul_separated(sys::read_file_if_exists(process / "cmdline").value_or(""));
    const auto machine = nspawn_machine(argv);
    if (!machine) continue;
    const bool ours = only_machine ? *machine == *only_machine
                                   : naming::is_sandbox_name(*machine) || in_sandbox_cgroup(process);
    if (ours) found.push_back({"process", describe(process, argv)});
  }
  return found;
}

void add_sandbox_paths(const std::string& machine, std::vector<Leftover>& found) {
  const auto cgroups = sys::CgroupSet::existing(machine);
  for (const auto& path : cgroups.paths()) found.push_back({"cgroup", path.string()});
  for (const auto& work_dir : work_dirs_of(machine)) found.push_back({"work-dir", work_dir.string()});
  if (claim_exists(machine)) found.push_back({"claim", naming::claim_path(machine).string()});
}

// A work directory is removed only if it is what ctrlab makes: a real directory, root's.
void remove_work_dir(const fs::path& work_dir) {
  struct stat status {};
  if (::lstat(work_dir.c_str(), &status) < 0 || !S_ISDIR(status.st_mode) || status.st_uid != 0) return;
  sys::remove_tree(work_dir);
}

void remove_sandbox(const std::string& machine, const std::optional<fs::path>& recorded_work_dir) {
  const auto cgroups = sys::CgroupSet::existing(machine);
  cgroups.kill_and_wait(sys::Clock::now() + reap_timeout);
  cgroups.remove();
  if (recorded_work_dir) remove_work_dir(*recorded_work_dir);
  for (const auto& work_dir : work_dirs_of(machine)) remove_work_dir(work_dir);
}

// Removes one sandbox's artifacts, if its owner is gone; returns what it removed.
std::vector<Leftover> reap_if_abandoned(const std::string& machine) {
  std::optional<SandboxClaim> claim;
  if (claim_exists(machine)) {
    claim = SandboxClaim::take_over_abandoned(naming::claim_path(machine));
    if (!claim) return {};  // a live run holds it
  }
  // Without a claim nobody owns it: a run claims its sandbox before it makes anything and
  // lets the claim go only after all of it is gone.
  auto removed = find_sandbox_artifacts(machine);
  try {
    remove_sandbox(machine, claim ? claim->work_dir() : std::nullopt);
  } catch (const std::exception& error) {
    std::cerr << "ctrlab: cannot remove the leftovers of " << machine << ": " << error.what() << '\n';
    claim.reset();
    return {};
  }
  if (claim) claim->release();
  return removed;
}

}  // namespace

std::vector<Leftover> find_ctrlab_artifacts() {
  std::vector<Leftover> found;
  for (const auto& machine : sandbox_names_present()) add_sandbox_paths(machine, found);
  // What a systemd-nspawn of ctrlab's would make on the host's /run if it shared it (it gets a
  // private /run), under the names nspawn gives them.
  for (const fs::path directory : {"/run/systemd/nspawn/propagate", "/run/systemd/nspawn/unix-export"}) {
    for (const auto& entry : entries_of(directory)) {
      if (naming::is_sandbox_name(entry.filename().string())) found.push_back({"nspawn-state", entry.string()});
    }
  }
  const auto processes = nspawn_processes(std::nullopt);
  found.insert(found.end(), processes.begin(), processes.end());
  for (const auto& link : entries_of("/sys/class/net")) {
    const auto name = link.filename().string();
    if (starts_with_any(name, {"ve-", "vb-", "vz-", "mv-", "ctrlab"})) found.push_back({"interface", name});
  }
  return found;
}

std::vector<Leftover> find_sandbox_artifacts(const std::string& machine_name) {
  std::vector<Leftover> found;
  add_sandbox_paths(machine_name, found);
  const auto processes = nspawn_processes(machine_name);
  found.insert(found.end(), processes.begin(), processes.end());
  return found;
}

std::vector<Leftover> reap_leftovers() {
  std::vector<Leftover> removed;
  for (const auto& machine : sandbox_names_present()) {
    auto reaped = reap_if_abandoned(machine);
    removed.insert(removed.end(), reaped.begin(), reaped.end());
  }
  return removed;
}

}  // namespace ctrlab::runner
