#include "scenario/observe.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/operation_log.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "sandbox/sandbox_processes.hpp"
#include "system/child_process.hpp"
#include "system/files.hpp"

namespace ctrlab::runner::observe {
namespace {

namespace fs = std::filesystem;

constexpr auto systemctl_timeout = std::chrono::seconds(30);

// `systemctl show A B` prints one block of Key=Value lines per unit, separated by blank lines.
std::vector<std::map<std::string, std::string>> parse_show_blocks(const std::string& text) {
  std::vector<std::map<std::string, std::string>> blocks(1);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    const auto equals = line.find('=');
    if (equals != std::string::npos) blocks.back().emplace(line.substr(0, equals), line.substr(equals + 1));
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

std::vector<oracle::OperationRecord> records(oracle::OperationStage stage, const std::vector<operation_log::Entry>& entries,
                                             std::size_t from, std::size_t to) {
  std::vector<oracle::OperationRecord> out;
  for (std::size_t i = from; i < to && i < entries.size(); ++i) out.push_back({stage, entries[i].argv, entries[i].outcome});
  return out;
}

oracle::NamespaceState read_namespace(pid_t host_pid) {
  RouteSocket socket(NetworkNamespace::of_process(host_pid));
  return socket.read_state();
}

fs::path network_namespace_of(pid_t host_pid) {
  std::error_code error;
  return fs::read_symlink(fs::path("/proc") / std::to_string(host_pid) / "ns/net", error);
}

}  // namespace

std::map<std::string, std::map<std::string, std::string>> unit_properties(const Sandbox& sandbox,
                                                                          const std::vector<std::string>& units) {
  std::map<std::string, std::map<std::string, std::string>> properties;
  if (units.empty()) return properties;
  const auto output = sandbox.share_dir() / "systemctl-show.txt";
  // In the sandbox's PID namespace too: systemd refuses a private-socket client whose pid it
  // cannot see.
  std::vector<std::string> argv = {"/usr/bin/nsenter", "--target", std::to_string(sandbox.leader_pid()), "--mount",
                                   "--pid", "--", "/usr/bin/systemctl", "show", "--no-pager"};
  argv.insert(argv.end(), units.begin(), units.end());
  sys::remove_tree(output);
  sys::SpawnOptions spawn;
  spawn.argv = argv;
  spawn.output = output;
  spawn.parent_death_signal = SIGKILL;
  auto child = sys::ChildProcess::spawn(spawn);
  const auto status = child.wait(sys::Clock::now() + systemctl_timeout, sys::OnInterrupt::throw_interrupted);
  if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    throw RunnerError("systemctl show in the sandbox", sys::read_file_if_exists(output).value_or("(no output)"));
  }
  const auto blocks = parse_show_blocks(sys::read_file(output));
  sys::remove_tree(output);
  for (std::size_t i = 0; i < units.size() && i < blocks.size(); ++i) properties.emplace(units[i], blocks[i]);
  return properties;
}

std::vector<probe::BootReport> probe_reports(const Sandbox& sandbox, const fs::path& state_dir_inside) {
  std::vector<probe::BootReport> reports;
  for (std::size_t boot = 0;; ++boot) {
    const auto text = sys::read_file_if_exists(sandbox.host_path(state_dir_inside / probe::report_file(boot)));
    if (!text) return reports;
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded()) return reports;
    try {
      reports.push_back(probe::boot_report_from_json(json));
    } catch (const std::exception& error) {
      throw RunnerError("read probe report " + (state_dir_inside / probe::report_file(boot)).string(), error.what());
    }
  }
}

std::vector<oracle::OperationRecord> operations(const Sandbox& sandbox, const InstalledUnit& unit,
                                                const std::vector<probe::BootReport>& reports) {
  const auto log_dir = sandbox.share_dir() / fs::path(operation_log::directory_inside).lexically_relative(Sandbox::share_mount_point);
  const auto all = operation_log::read(operation_log::file_for(log_dir, unit.unit));
  // The first start only: its entries share the first entry's $INVOCATION_ID. ExecStartPre
  // runs every preStart command (failures are ignored), so they come first.
  std::vector<operation_log::Entry> first_start;
  for (const auto& entry : all) {
    if (entry.invocation == all.front().invocation) first_start.push_back(entry);
  }
  const auto pre_count = unit.pre_start_ip_commands.size();
  auto out = records(oracle::OperationStage::pre_start, first_start, 0, pre_count);
  if (!reports.empty()) {
    for (const auto& operation : reports.front().operations) {
      out.push_back({oracle::OperationStage::container_init, operation.argv, operation.outcome});
    }
  }
  const auto post = records(oracle::OperationStage::post_start, first_start, pre_count, first_start.size());
  out.insert(out.end(), post.begin(), post.end());
  return out;
}

oracle::NamespaceState sandbox_network(const Sandbox& sandbox) { return read_namespace(sandbox.leader_pid()); }

std::optional<oracle::NamespaceState> container_network(const Sandbox& sandbox, std::uint32_t nspawn_pid_in_sandbox) {
  if (nspawn_pid_in_sandbox == 0) return std::nullopt;
  const auto nspawn = sandbox_processes::host_pid(sandbox, static_cast<pid_t>(nspawn_pid_in_sandbox));
  if (!nspawn) return std::nullopt;
  const auto children = sandbox_processes::children(*nspawn);
  if (children.empty()) return std::nullopt;
  const pid_t init = children.front();
  const auto space = network_namespace_of(init);
  if (space.empty() || space == network_namespace_of(sandbox.leader_pid())) return std::nullopt;
  return read_namespace(init);
}

}  // namespace ctrlab::runner::observe
