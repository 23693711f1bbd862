// install() and uninstall(): applying a planned installation to a running sandbox.
#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/error.hpp"
#include "ctrlab/runner/netlink.hpp"
#include "ctrlab/runner/sandbox.hpp"
#include "ctrlab/runner/tools.hpp"
#include "payload/usr_binds.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;

const fs::path probe_master_copy = "/nix/.ctrlab-probe";

// Hard links of one copy on the sandbox's root, so fifty containers do not mean fifty copies.
void place_probes(const Sandbox& sandbox, const Installation& installation, const fs::path& probe_binary) {
  if (installation.probe_copies.empty()) return;
  const auto& files = sandbox.files();
  files.copy_in(probe_binary, probe_master_copy, 0755);
  for (const auto& path : installation.probe_copies) {
    if (!files.hard_link(probe_master_copy, path)) files.copy_in(probe_binary, path, 0755);
  }
}

void require(const oracle::CommandOutcome& outcome, const std::string& operation) {
  if (!outcome.ok()) throw RunnerError(operation, outcome.message);
}

// A veth whose far end, up in a namespace of its own, gives the near end carrier as a cabled
// NIC has; the near end has the interface's name and MAC.
void create_stand_in(RouteSocket& sandbox_network, const oracle::HostInterface& interface, StandInNamespaces& far_ends) {
  const std::string operation = "create a stand-in for host interface " + interface.name + " in the sandbox";
  auto far_end = NetworkNamespace::create();
  require(sandbox_network.create_veth({.name = interface.name,
                                       .mac = interface.mac,
                                       .peer_name = "ctrlab-far-end",
                                       .peer_mac = std::nullopt,
                                       .peer_namespace = &far_end}),
          operation);
  require(RouteSocket(far_end).set_up("ctrlab-far-end", true), operation);
  far_ends.spaces.push_back(std::move(far_end));
  far_ends.near_ends.insert(interface.name);
}

// The scenario's host network, in the sandbox's namespace: links first, then masters and
// addresses, then up, in the order given.
StandInNamespaces create_host_interfaces(const Sandbox& sandbox, const std::vector<oracle::HostInterface>& interfaces) {
  StandInNamespaces far_ends;
  if (interfaces.empty()) return far_ends;
  RouteSocket sandbox_network(NetworkNamespace::of_process(sandbox.leader_pid()));
  for (const auto& interface : interfaces) {
    if (interface.kind == oracle::LinkKind::bridge) {
      require(sandbox_network.create_link(interface.name, oracle::LinkKind::bridge),
              "create host interface " + interface.name + " in the sandbox");
    } else {
      create_stand_in(sandbox_network, interface, far_ends);
    }
  }
  for (const auto& interface : interfaces) {
    const std::string operation = "configure host interface " + interface.name + " in the sandbox";
    if (interface.master) require(sandbox_network.set_master(interface.name, *interface.master), operation);
    for (const auto& address : interface.addresses) require(sandbox_network.add_address(interface.name, address), operation);
    if (interface.up) require(sandbox_network.set_up(interface.name, true), operation);
  }
  return far_ends;
}

void delete_host_interfaces(const Sandbox& sandbox, const std::vector<oracle::HostInterface>& interfaces) {
  if (interfaces.empty()) return;
  RouteSocket sandbox_network(NetworkNamespace::of_process(sandbox.leader_pid()));
  for (const auto& interface : interfaces) {
    (void)sandbox_network.run({"ip", "link", "del", "dev", interface.name});
  }
}

constexpr auto namespace_command_timeout = std::chrono::seconds(10);

// `ip netns add` for any path: a file the new namespace is bound to, inside the sandbox (its
// mount namespace holds the bind; the runner's stays untouched).
void make_network_namespace(const Sandbox& sandbox, const fs::path& path) {
  (void)sandbox.run_inside({"/usr/bin/mkdir", "-p", path.parent_path().string()}, namespace_command_timeout);
  (void)sandbox.run_inside({"/usr/bin/touch", path.string()}, namespace_command_timeout);
  (void)sandbox.run_inside({"/usr/bin/unshare", "--net=" + path.string(), "/usr/bin/true"}, namespace_command_timeout);
}

void remove_network_namespace(const Sandbox& sandbox, const fs::path& path) {
  try {
    (void)sandbox.run_inside({"/usr/bin/umount", path.string()}, namespace_command_timeout);
  } catch (const RunnerError&) {
    // not mounted (its making failed half way): the file goes all the same
  }
  sandbox.files().remove_tree(path);
}

}  // namespace

InstalledState install(const Sandbox& sandbox, const Installation& installation) {
  const auto& files = sandbox.files();
  InstalledState installed;
  for (const auto& directory : installation.directories) {
    const auto created = files.create_directories(directory);
    installed.created_directories.insert(installed.created_directories.end(), created.begin(), created.end());
  }
  for (const auto& directory : installation.open_directories) files.set_mode(directory, 0777);
  for (const auto& file : installation.files) {
    if (file.restore_afterwards) {
      if (auto original = files.read_if_exists(file.path)) installed.replaced_files.push_back({file.path, *std::move(original), file.mode});
    }
    files.write_atomically(file.path, file.text, file.mode);
  }
  for (const auto& link : installation.symlinks) files.make_symlink(link.path, link.target);
  place_probes(sandbox, installation, sandbox.tools_dir() / tools::probe_program);
  usr_binds::bind(sandbox, installation.usr_binds, installed.bound_usr);
  installed.stand_ins = create_host_interfaces(sandbox, installation.host_interfaces);
  for (const auto& path : installation.network_namespaces) make_network_namespace(sandbox, path);
  return installed;
}

void uninstall(const Sandbox& sandbox, const Installation& installation, InstalledState& installed) {
  usr_binds::unbind(sandbox, installed.bound_usr);  // removals never cross a mount
  delete_host_interfaces(sandbox, installation.host_interfaces);
  installed.stand_ins.spaces.clear();
  for (const auto& path : installation.network_namespaces) remove_network_namespace(sandbox, path);
  const auto& files = sandbox.files();
  for (const auto& tree : installation.removed_afterwards) files.remove_tree(tree);
  for (const auto& file : installed.replaced_files) files.write_atomically(file.path, file.text, file.mode);
  installed.replaced_files.clear();
  const auto& created = installed.created_directories;
  for (auto directory = created.rbegin(); directory != created.rend(); ++directory) files.remove_tree(*directory);
  installed.created_directories.clear();
}

}  // namespace ctrlab::runner
