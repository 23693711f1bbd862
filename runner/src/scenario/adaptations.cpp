#include "scenario/adaptations.hpp"

namespace ctrlab::runner::adaptations {
namespace {

// An adaptation that changes nothing the judge compares: it matches only a difference
// from `value` to `value`, which cannot occur.
SandboxAdaptation shown_only(oracle::Aspect aspect, std::string subject, std::string field, std::string value,
                             std::string what, std::string why) {
  return {aspect, std::move(subject), std::move(field), value, value, std::move(what), std::move(why)};
}

}  // namespace

std::string subject_of(const std::string& container) { return "container " + container; }

SandboxAdaptation nspawn_from_this_machine(const std::string& container, const std::string& store_path) {
  return shown_only(oracle::Aspect::argv, subject_of(container), "argv[0]", store_path,
                    store_path + " is a symlink to this machine's /usr/bin/systemd-nspawn",
                    "there is no Nix store here; the predicted argv is exec'd as it is, by systemd 252");
}

SandboxAdaptation probe_as_container_init(const std::string& container, const std::string& store_path) {
  return shown_only(oracle::Aspect::operations, subject_of(container), "container-init", store_path,
                    store_path + " is ctrlab's probe instead of the module's container-init script",
                    "the probe runs the same container-side ip commands, through netlink, and records each result");
}

SandboxAdaptation probe_as_stage_2(const std::string& container, const std::string& init_path) {
  return shown_only(oracle::Aspect::unit_history, subject_of(container), "stage 2", init_path,
                    init_path + " is ctrlab's probe instead of a NixOS system's stage 2",
                    "the probe signals READY=1 and then behaves as the scenario's probe section says");
}

SandboxAdaptation stop_wait_shortened(const std::string& container, const std::string& wait) {
  return shown_only(oracle::Aspect::unit_history, subject_of(container), "stop", wait,
                    "the runner SIGKILLs the unit as soon as its stop began, where a host waits " + wait +
                        " and then SIGKILLs it (systemd reports Result=timeout there, Result=signal here)",
                    "systemd-nspawn ignores the unit's KillSignal, so nothing happens before that SIGKILL; waiting "
                    "it out would add " + wait.substr(wait.find('=') + 1) + " to the case");
}

SandboxAdaptation probe_state_dir(const std::string& container, const std::string& directory) {
  return shown_only(oracle::Aspect::unit_history, subject_of(container), "probe state", directory,
                    "the probe's plan and per-boot reports live in " + directory,
                    "a directory the container sees across reboots, so the probe can count its boots");
}

SandboxAdaptation root_gets_usr(const std::string& container, const std::string& root) {
  return shown_only(oracle::Aspect::argv, subject_of(container), "-D", root,
                    "an empty " + root + "/usr is created before the start",
                    "systemd-nspawn 252 refuses a directory without /usr as a container root");
}

SandboxAdaptation systemd_payload(const std::string& container, const std::string& root) {
  return shown_only(oracle::Aspect::unit_history, subject_of(container), "stage 2", root,
                    "after the module's container-side steps the probe execs this machine's systemd, booting from "
                    "the sandbox's /usr bound read-only at " + root + "/usr, with the preset \"disable *\" in its /etc",
                    "the systemd payload: a container costs what booting a small system costs");
}

SandboxAdaptation scripts_as_command_lists(const std::string& container, const std::string& tool) {
  return shown_only(oracle::Aspect::unit_properties, subject_of(container), "ExecStartPre", "(scripts)",
                    "the unit's scripts run as " + tool + " over their predicted commands (preStart and the start "
                        "script's in one ExecStartPre line, postStart as ExecStartPost), in order, with each script's `-e` or "
                        "`|| true`; ip commands through netlink, mkdir -p, touch and cp --remove-destination by "
                        "their system calls, machinectl terminate by its D-Bus call to systemd-machined, other "
                        "commands exec'd; the nspawn argv is the ExecStart line itself",
                    "the scripts' text is not predicted, their commands are; no shell runs them");
}

SandboxAdaptation bind_source_created(const std::string& container, const std::string& path) {
  return shown_only(oracle::Aspect::argv, subject_of(container), "bind source", path,
                    path + " is created empty in the sandbox", "the path a bind mount names does not exist here");
}

SandboxAdaptation unit_path_not_in_environment(const std::string& container) {
  return shown_only(oracle::Aspect::unit_properties, subject_of(container), "Environment", "PATH",
                    "the unit's `path` is not turned into Environment=PATH",
                    "no shell runs the unit's commands; nspawn gets PATH from its predicted --setenv");
}

SandboxAdaptation template_without_exec_lines() {
  return shown_only(oracle::Aspect::unit_properties, "host", "container@.service", "(template)",
                    "the container@ template is installed without Exec lines",
                    "its script text is not predicted; every container has its own unit, which is what runs");
}

SandboxAdaptation resolv_conf_written() {
  return shown_only(oracle::Aspect::operations, "host", "/etc/resolv.conf", "/etc/resolv.conf",
                    "the sandbox has an /etc/resolv.conf for the start script's `cp` to copy",
                    "the sandbox's /etc starts empty (systemd-nspawn --volatile=yes)");
}

SandboxAdaptation unit_masked(const std::string& unit) {
  return shown_only(oracle::Aspect::links, "host", unit, unit, unit + " is masked in the sandbox",
                    "it would configure the ve-* links that the units' own commands configure");
}

SandboxAdaptation only_generators(const std::vector<std::string>& generators) {
  std::string names;
  for (const auto& generator : generators) names += (names.empty() ? "" : ", ") + generator;
  return shown_only(oracle::Aspect::unit_properties, "host", "generators", names,
                    "the sandbox's systemd runs no unit generators but " + (names.empty() ? "none" : names),
                    "the others find nothing in the sandbox (no fstab, ttys or SysV scripts) and make every "
                    "reload three times slower");
}

SandboxAdaptation presets(const std::string& presets) {
  std::string rules;
  for (const char c : presets) rules += c == '\n' ? "; " : std::string(1, c);
  while (rules.ends_with("; ")) rules.resize(rules.size() - 2);
  return shown_only(oracle::Aspect::unit_history, "host", "presets", rules,
                    "the sandbox's systemd applies only the presets \"" + rules + "\" at its first boot",
                    "its /etc starts empty, and this machine's presets would enable every installed service "
                    "(databases, timers) and make multi-user.target want machines.target, which could then "
                    "learn each scenario's containers only by a reload");
}

SandboxAdaptation host_interface_created(const oracle::HostInterface& interface) {
  if (interface.kind != oracle::LinkKind::bridge) {
    // The one difference this adaptation explains: the link's kind.
    const std::string kind(oracle::to_string(interface.kind));
    // Any subject: the host's namespace while the containers run, and after they stopped.
    return {oracle::Aspect::links, "", "links[" + interface.name + "].kind", kind, "veth",
            interface.name + " (" + kind + ") is created in the sandbox as a veth whose far end is up in a "
                "namespace of its own",
            "this kernel has no dummy driver loaded and the sandbox has no NICs; the runner loads no kernel "
            "modules, and the veth has carrier as a cabled NIC or a dummy has"};
  }
  return shown_only(oracle::Aspect::links, "host", "links[" + interface.name + "]", interface.name,
                    interface.name + " is created in the sandbox's namespace as the scenario's host network says",
                    "the units expect the host's network to exist before they start");
}

SandboxAdaptation probe_listens(const std::string& container, const std::string& served) {
  return shown_only(oracle::Aspect::reachability, subject_of(container), "listeners", served,
                    "the probe serves " + served + " on every address of the container (TCP accepts, UDP echoes)",
                    "where a NixOS system's services would answer, the reachability probes need something that answers");
}

SandboxAdaptation no_duplicate_address_detection(const std::string& container) {
  const auto where = container.empty() ? std::string("the sandbox's namespace") : "container " + container + "'s namespace";
  return shown_only(oracle::Aspect::reachability, container.empty() ? "host" : subject_of(container), "accept_dad", "0",
                    "IPv6 duplicate address detection is off in " + where + " (accept_dad=0)",
                    "an IPv6 address answers only once detection has finished, 1-2 s after it was added; nothing "
                    "else shares these links, and the suite must stay fast");
}

SandboxAdaptation machine_id_of_the_host(const std::string& machine_id) {
  return shown_only(oracle::Aspect::links, "sandbox", "/etc/machine-id", machine_id,
                    "the sandbox's /etc/machine-id is the scenario's host machine-id " + machine_id + " for the case",
                    "systemd-nspawn derives the veths' MAC addresses (and so their IPv6 link-local addresses) from "
                    "the machine-id of the host it runs on");
}

SandboxAdaptation network_namespace_made(const std::string& container, const std::string& path) {
  return shown_only(oracle::Aspect::links, subject_of(container), "network namespace", path,
                    "the network namespace " + path + " is made empty in the sandbox before the start, and removed after",
                    "networkNamespace names a namespace the host provides (ip netns add); the sandbox has none of its own");
}

SandboxAdaptation nixos_container_update_stand_in(const std::string& container) {
  return shown_only(oracle::Aspect::operations, subject_of(container), "nixos-container update", container,
                    "`nixos-container update " + container + "` in the start script succeeds without building anything",
                    "it would build the flake's system into the container's profile; the runner has put ctrlab's probe there "
                    "as the system's init already");
}

}  // namespace ctrlab::runner::adaptations
