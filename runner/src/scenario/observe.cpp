#include "scenario/observe.hpp"

#include <net/if.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <charconv>
#include <thread>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/unit_scripts.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "sandbox/sandbox_processes.hpp"
#include "system/child_process.hpp"
#include "system/files.hpp"
#include "system/processes.hpp"

namespace ctrlab::runner::observe {
namespace {

namespace fs = std::filesystem;

constexpr auto command_timeout = std::chrono::seconds(30);
constexpr auto namespace_release_wait = std::chrono::seconds(3);
constexpr auto namespace_release_poll = std::chrono::milliseconds(10);
constexpr auto operstate_wait = std::chrono::seconds(3);

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

// A link that is up with carrier but whose operational state the kernel's linkwatch has not yet
// caught up with (it batches carrier changes for up to a second). Until it has, IPv6 has not
// configured the link: no link-local address, no fe80::/64 route.
// A link attribute, or "" when it cannot be read: carrier is unreadable while a link is down
// (EINVAL), and a link being deleted answers ENODEV. Read inside the process's own root: a
// container may have put anything at its /sys.
std::string link_attribute(const RootedFiles& root, const std::string& link, const char* name) {
  try {
    auto value = root.read_if_exists(fs::path("/sys/class/net") / link / name, 4096).value_or("");
    return value.substr(0, value.find('\n'));
  } catch (const RunnerError&) {
    return "";
  }
}

bool operstate_pending(const RootedFiles& root, const std::string& link) {
  const auto flags_text = link_attribute(root, link, "flags");
  unsigned long flags = 0;
  const auto hex = std::string_view(flags_text).substr(flags_text.starts_with("0x") ? 2 : 0);
  if (link_attribute(root, link, "carrier") != "1" ||
      std::from_chars(hex.data(), hex.data() + hex.size(), flags, 16).ec != std::errc{}) {
    return false;
  }
  if ((flags & IFF_UP) == 0) return false;
  const auto operstate = link_attribute(root, link, "operstate");
  return operstate != "up" && operstate != "unknown";
}

// Waits (polling: the kernel announces operstate changes only to rtnetlink listeners) until
// every link of the namespace the process sees in its /sys/class/net is operational.
void wait_until_links_are_operational(pid_t host_pid) {
  std::optional<RootedFiles> root;
  try {
    root.emplace(RootedFiles::of_process(host_pid));
  } catch (const RunnerError&) {
    return;  // the process is gone: nothing to wait for
  }
  const auto deadline = sys::Clock::now() + operstate_wait;
  for (;;) {
    const auto links = root->list_directory("/sys/class/net");
    const bool pending = std::any_of(links.begin(), links.end(), [&](const auto& link) { return operstate_pending(*root, link); });
    if (!pending || sys::Clock::now() >= deadline) return;
    std::this_thread::sleep_for(namespace_release_poll);
  }
}

oracle::NamespaceState read_namespace(pid_t host_pid) {
  // A process's root shows the sysfs mounted in its namespace: the sandbox's, or a container's.
  wait_until_links_are_operational(host_pid);
  RouteSocket socket(NetworkNamespace::of_process(host_pid));
  return socket.read_state();
}

}  // namespace

std::map<std::string, std::map<std::string, std::string>> unit_properties(const Sandbox& sandbox,
                                                                          const std::vector<std::string>& units) {
  std::map<std::string, std::map<std::string, std::string>> properties;
  if (units.empty()) return properties;
  std::vector<std::string> command = {"/usr/bin/systemctl", "show", "--no-pager"};
  command.insert(command.end(), units.begin(), units.end());
  const auto blocks = parse_show_blocks(sandbox.run_inside(command, command_timeout));
  for (std::size_t i = 0; i < units.size() && i < blocks.size(); ++i) properties.emplace(units[i], blocks[i]);
  return properties;
}

std::string unit_log(const Sandbox& sandbox, const std::string& unit) {
  return sandbox.run_inside({"/usr/bin/journalctl", "--no-pager", "--output=cat", "--lines=60", "--unit=" + unit},
                            command_timeout);
}

namespace {

std::optional<probe::BootReport> read_probe_report(const Sandbox& sandbox, const fs::path& state_dir_inside,
                                                   std::size_t boot) {
  const auto path = state_dir_inside / probe::report_file(boot);
  const auto text = sandbox.files().read_if_exists(path);
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  try {
    return probe::boot_report_from_json(json);
  } catch (const std::exception& error) {
    throw RunnerError("read probe report " + path.string(), error.what());
  }
}

}  // namespace

std::vector<probe::BootReport> probe_reports(const Sandbox& sandbox, const fs::path& state_dir_inside) {
  std::vector<probe::BootReport> reports;
  while (auto report = read_probe_report(sandbox, state_dir_inside, reports.size())) reports.push_back(*std::move(report));
  return reports;
}

std::optional<probe::BootReport> latest_probe_report(const Sandbox& sandbox, const fs::path& state_dir_inside) {
  std::size_t boots = 0;
  while (sandbox.files().exists(state_dir_inside / probe::report_file(boots))) ++boots;
  if (boots == 0) return std::nullopt;
  return read_probe_report(sandbox, state_dir_inside, boots - 1);
}

std::vector<oracle::OperationRecord> operations(const Sandbox& sandbox, const InstalledUnit& unit,
                                                const std::vector<probe::BootReport>& reports) {
  const auto log = unit_scripts::parse_log(sandbox.files().read_if_exists(unit_scripts::log_file(unit.unit)).value_or(""));
  // The first start only: its entries share the first entry's $INVOCATION_ID.
  const auto first_start = [&](const unit_scripts::LogEntry& entry) { return entry.invocation == log.front().invocation; };
  const auto network_records = [&](oracle::OperationStage stage, std::vector<oracle::OperationRecord>& out) {
    for (const auto& entry : log) {
      if (first_start(entry) && unit_scripts::stage_of(entry.script) == stage && oracle::is_ip_program(entry.argv.front())) {
        out.push_back({stage, entry.argv, entry.outcome});
      }
    }
  };
  std::vector<oracle::OperationRecord> out;
  network_records(oracle::OperationStage::pre_start, out);
  if (!reports.empty()) {
    for (const auto& operation : reports.front().operations) {
      out.push_back({oracle::OperationStage::container_init, operation.argv, operation.outcome});
    }
  }
  network_records(oracle::OperationStage::post_start, out);
  return out;
}

oracle::NamespaceState sandbox_network(const Sandbox& sandbox) { return read_namespace(sandbox.leader_pid()); }

namespace {

// A link whose peer (veth) or lower link lives in another namespace. A namespace being taken
// apart has no id any more, so its links show no IFLA_LINK_NETNSID: the other end is here only
// if a link here has its ifindex (and, for a veth, names this one as its peer).
bool leads_into_another_namespace(const oracle::LinkState& link, const oracle::NamespaceState& state) {
  if (link.link_ifindex == 0) return false;
  if (link.link_netnsid >= 0) return true;
  return std::none_of(state.links.begin(), state.links.end(), [&](const oracle::LinkState& other) {
    return other.ifindex == link.link_ifindex && (link.kind != oracle::LinkKind::veth || other.link_ifindex == link.ifindex);
  });
}

}  // namespace

oracle::NamespaceState sandbox_network_once_containers_are_gone(const Sandbox& sandbox,
                                                                const std::set<std::string>& stand_ins) {
  // The kernel frees a namespace (and the veths into it) asynchronously after its last process,
  // and announces nothing: look again until no link of the sandbox leads into another one.
  const auto deadline = sys::Clock::now() + namespace_release_wait;
  for (;;) {
    auto state = sandbox_network(sandbox);
    const bool released = std::none_of(state.links.begin(), state.links.end(), [&](const oracle::LinkState& link) {
      return !stand_ins.contains(link.name) && leads_into_another_namespace(link, state);
    });
    // A link dump is not one atomic picture: it can show a bridge's carrier from before its
    // last port went and miss the port, gone by the time the dump reached it. Once a dump
    // shows no port left, one started after it shows what the ports' going left behind.
    if (released) return sandbox_network(sandbox);
    if (sys::Clock::now() >= deadline) return state;
    std::this_thread::sleep_for(namespace_release_poll);
  }
}

namespace {

bool has_its_own_network(const Sandbox& sandbox, pid_t init) {
  const auto space = sys::namespace_of(init, "net");
  return !space.empty() && space != sys::namespace_of(sandbox.leader_pid(), "net");
}

}  // namespace

std::optional<pid_t> container_init(const Sandbox& sandbox, const sandbox_processes::HostPids& pids,
                                    std::uint32_t nspawn_pid_in_sandbox) {
  const auto init = sandbox_processes::first_child(pids, static_cast<pid_t>(nspawn_pid_in_sandbox));
  if (!init || !has_its_own_network(sandbox, *init)) return std::nullopt;
  return init;
}

std::optional<oracle::NamespaceState> container_network(const Sandbox& sandbox, pid_t init) {
  if (!has_its_own_network(sandbox, init)) return std::nullopt;
  return read_namespace(init);
}

}  // namespace ctrlab::runner::observe
