#include "ctrlab/runner/leftovers.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

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

// Machine names of sandboxes with any artifact on this machine.
std::set<std::string> sandbox_names_present() {
  std::set<std::string> names;
  const auto add_if_sandbox = [&](std::string name) {
    if (name.ends_with(".owner")) name.resize(name.size() - 6);
    if (naming::is_sandbox_name(name)) names.insert(name);
  };
  for (const auto& root : sys::CgroupSet::hierarchy_roots()) {
    for (const auto& entry : entries_of(root)) add_if_sandbox(entry.filename().string());
  }
  for (const auto& entry : entries_of(naming::sandboxes_dir())) add_if_sandbox(entry.filename().string());
  for (const auto& entry : entries_of(naming::propagate_dir("x").parent_path())) add_if_sandbox(entry.filename().string());
  return names;
}

bool owner_is_alive(const std::string& machine) {
  const auto marker = naming::read_marker(machine);
  return marker && sys::is_alive(marker->owner);
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
  if (fs::exists(naming::propagate_dir(machine))) found.push_back({"propagate-dir", naming::propagate_dir(machine).string()});
  if (fs::exists(naming::work_dir(machine))) found.push_back({"work-dir", naming::work_dir(machine).string()});
  if (fs::exists(naming::marker_path(machine))) found.push_back({"marker", naming::marker_path(machine).string()});
}

void remove_sandbox(const std::string& machine) {
  const auto cgroups = sys::CgroupSet::existing(machine);
  cgroups.kill_and_wait(sys::Clock::now() + reap_timeout);
  cgroups.remove();
  std::error_code ignored;
  fs::remove(naming::propagate_dir(machine), ignored);
  sys::remove_tree(naming::work_dir(machine));
  naming::remove_marker(machine);
}

}  // namespace

std::vector<Leftover> find_ctrlab_artifacts() {
  std::vector<Leftover> found;
  for (const auto& machine : sandbox_names_present()) add_sandbox_paths(machine, found);
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
    if (owner_is_alive(machine)) continue;
    const auto before = find_sandbox_artifacts(machine);
    try {
      remove_sandbox(machine);
      removed.insert(removed.end(), before.begin(), before.end());
    } catch (const std::exception& error) {
      std::cerr << "ctrlab: cannot remove the leftovers of " << machine << ": " << error.what() << '\n';
    }
  }
  return removed;
}

}  // namespace ctrlab::runner
