// plan_installation(): what installing a prediction into the sandbox means, as data.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "ctrlab/runner/installation.hpp"
#include "ctrlab/runner/probe_protocol.hpp"
#include "ctrlab/runner/unit_scripts.hpp"
#include "scenario/adaptations.hpp"
#include "scenario/nspawn_argv.hpp"
#include "scenario/unit_file.hpp"

namespace ctrlab::runner {
namespace {

namespace fs = std::filesystem;
using unit_file::ExecLine;

const fs::path unit_directory = "/run/systemd/system";
const fs::path this_machines_nspawn = "/usr/bin/systemd-nspawn";
const fs::path probe_master_copy = "/nix/.ctrlab-probe";  // hard-link source on the sandbox's root

// Everything the module's units touch outside /run/systemd/system, removed after each scenario.
const std::vector<fs::path> module_trees = {"/nix",
                                            "/etc/containers",
                                            "/etc/nixos-containers",
                                            "/var/lib/containers",
                                            "/var/lib/nixos-containers",
                                            "/run/nixos-containers",
                                            std::string(unit_scripts::directory_inside)};

// 2018 and later end every preStart command with `|| true`; 2014's preStart is plain `-e`.
bool pre_start_ignores_failures(oracle::Revision revision) { return revision != oracle::Revision::r2014; }

bool under_nix(const std::string& path) { return path.starts_with("/nix/"); }

// bash's message where it stops reading the script, if it does.
std::optional<std::string> syntax_error_of(const oracle::ContainerPrediction& container, unit_scripts::Script script) {
  const auto* error = oracle::syntax_error_in(container, script);
  return error != nullptr ? std::optional(error->message) : std::nullopt;
}

class Planner {
 public:
  explicit Planner(const InstallationInputs& inputs) : inputs_(inputs), prediction_(*inputs.prediction) {}

  Installation plan() {
    plan_sandbox_files();
    plan_host_interfaces();
    if (prediction_.templateUnit) {
      add_file(unit_directory / "container@.service", unit_file::render(*prediction_.templateUnit, {}));
      plan_.adaptations.push_back(adaptations::template_without_exec_lines());
    }
    for (const auto& [path, text] : prediction_.etcFiles) add_file(path, text);
    for (const auto& [name, container] : prediction_.containers) {
      if (!container.nspawnArgv.empty()) plan_container(name, container);
    }
    plan_.removed_afterwards.insert(plan_.removed_afterwards.end(), module_trees.begin(), module_trees.end());
    for (const auto& file : plan_.files) {
      if (file.path.parent_path() == unit_directory) plan_.removed_afterwards.push_back(file.path);
    }
    plan_.directories.insert(plan_.directories.begin(), directories_.begin(), directories_.end());
    return std::move(plan_);
  }

 private:
  void add_directory(const fs::path& path) {
    if (seen_directories_.insert(path).second) directories_.push_back(path);
  }

  void add_file(const fs::path& path, std::string text, mode_t mode = 0644) {
    add_directory(path.parent_path());
    plan_.files.push_back({path, std::move(text), mode});
  }

  void add_probe(const fs::path& path) {
    add_directory(path.parent_path());
    plan_.probe_copies.push_back(path);
  }

  void plan_sandbox_files() {
    add_directory(unit_directory);
    add_file("/etc/resolv.conf", "# ctrlab sandbox: no name servers\n");
    plan_.adaptations.push_back(adaptations::resolv_conf_written());
    if (inputs_.machine_id) {
      add_file("/etc/machine-id", *inputs_.machine_id + "\n", 0444);
      plan_.files.back().restore_afterwards = true;
      plan_.adaptations.push_back(adaptations::machine_id_of_the_host(*inputs_.machine_id));
    }
    add_directory(probe_master_copy.parent_path());
  }

  void plan_host_interfaces() {
    plan_.host_interfaces = inputs_.host_interfaces;
    for (const auto& interface : inputs_.host_interfaces) {
      plan_.adaptations.push_back(adaptations::host_interface_created(interface));
    }
  }

  void plan_container(const std::string& name, const oracle::ContainerPrediction& container) {
    const auto& argv = container.nspawnArgv;
    if (argv.front().starts_with("/nix/store/")) {
      add_directory(fs::path(argv.front()).parent_path());
      plan_.symlinks.push_back({argv.front(), this_machines_nspawn});
      plan_.adaptations.push_back(adaptations::nspawn_from_this_machine(name, argv.front()));
    }
    plan_bind_sources(name, argv);
    const auto root = nspawn_argv::option_value(argv, "-D", "--directory");
    if (root) {
      add_directory(*root);
      add_directory(fs::path(*root) / "usr");
      plan_.adaptations.push_back(adaptations::root_gets_usr(name, *root));
      if (inputs_.payload == Payload::systemd) plan_systemd_root(name, *root);
    }
    plan_probe_paths(name, argv);
    plan_network_namespace(name, argv);
    for (const auto& command : container.hostOps.start.value_or(std::vector<oracle::Argv>{})) {
      if (command.size() >= 2 && command[0] == "nixos-container" && command[1] == "update") {
        plan_.adaptations.push_back(adaptations::nixos_container_update_stand_in(name));
      }
    }
    if (container.envFile) add_file(container.envFile->path, container.envFile->text);
    // What the container's profile says it was built for, where the start script looks (a
    // NixOS host has it; the scenario's `profiles` decide its text).
    if (container.systemFile) add_file(container.systemFile->path, container.systemFile->text);

    InstalledUnit unit;
    unit.container = name;
    unit.unit = container.unitName + ".service";
    unit.start_targets = container.unit.wantedBy.value_or(std::vector<std::string>{});
    unit.script = inputs_.probes.contains(name) ? inputs_.probes.at(name) : oracle::ProbeScript{};
    unit.probe_state_dir = probe_state_dir(argv, root);
    auto plan = probe_plan(name, container, unit.script);
    if (inputs_.payload == Payload::systemd) plan.exec_after_stage_2 = systemd_payload_init();
    if (inputs_.listeners.contains(name) && plan.exec_after_stage_2.empty()) {
      plan.listeners = inputs_.listeners.at(name);
      std::string served;
      for (const auto& listener : plan.listeners) {
        served += (served.empty() ? "" : ", ") + listener.protocol + " " + std::to_string(listener.port);
      }
      plan_.adaptations.push_back(adaptations::probe_listens(name, served));
      plan_.adaptations.push_back(adaptations::no_duplicate_address_detection(name));
    }
    add_file(unit.probe_state_dir / probe::plan_file, nlohmann::json(plan).dump(2));
    plan_.open_directories.push_back(unit.probe_state_dir);
    plan_.adaptations.push_back(adaptations::probe_state_dir(name, unit.probe_state_dir.string()));

    const auto exec_lines = exec_lines_of(name, container, unit.unit);
    add_file(unit_directory / unit.unit, unit_file::render(container.unit, exec_lines));
    plan_.adaptations.push_back(adaptations::unit_path_not_in_environment(name));
    for (const auto& target : unit.start_targets) {
      const auto wants = unit_directory / (target + ".wants");
      add_directory(wants);
      plan_.symlinks.push_back({wants / unit.unit, fs::path("..") / unit.unit});
    }
    for (const auto& target : unit.start_targets) plan_.removed_afterwards.push_back(unit_directory / (target + ".wants"));
    plan_.units.push_back(std::move(unit));
  }

  // The systemd payload boots from the sandbox's /usr, bound into the root before the start.
  void plan_systemd_root(const std::string& name, const fs::path& root) {
    plan_.usr_binds.push_back(root / "usr");
    for (const auto& link : systemd_payload_root_links()) plan_.symlinks.push_back({root / link.name, link.target});
    add_file(root / systemd_payload_preset_file, std::string(systemd_payload_preset));
    plan_.adaptations.push_back(adaptations::systemd_payload(name, root.string()));
  }

  // Bind-mount sources that are not there: the Nix paths a NixOS host has, and the host
  // paths a spec's bindMounts name.
  void plan_bind_sources(const std::string& name, const oracle::Argv& argv) {
    const auto end = nspawn_argv::command_index(argv).value_or(argv.size());
    for (std::size_t i = 1; i < end; ++i) {
      for (const std::string_view prefix : {"--bind=", "--bind-ro="}) {
        if (!argv[i].starts_with(prefix)) continue;
        auto source = argv[i].substr(prefix.size());
        source = source.substr(0, source.find(':'));
        if (source.starts_with('+')) continue;  // relative to the container's root
        if (source.empty() || source.front() != '/') continue;
        add_directory(source);
        if (!under_nix(source)) plan_.adaptations.push_back(adaptations::bind_source_created(name, source));
      }
    }
  }

  // A namespace the container joins must be there before nspawn starts.
  void plan_network_namespace(const std::string& name, const oracle::Argv& argv) {
    const auto path = nspawn_argv::option_value(argv, "", "--network-namespace-path");
    if (!path || path->empty() || path->front() != '/') return;
    plan_.network_namespaces.push_back(*path);
    plan_.adaptations.push_back(adaptations::network_namespace_made(name, *path));
  }

  // The probe stands in for every program nspawn is asked to run (the container-init) and for
  // the NixOS stage 2 it is handed (SYSTEM_PATH/init).
  void plan_probe_paths(const std::string& name, const oracle::Argv& argv) {
    const auto command = nspawn_argv::command_index(argv);
    if (!command) return;
    for (std::size_t i = *command; i < argv.size(); ++i) {
      if (!under_nix(argv[i])) continue;
      add_probe(argv[i]);
      const bool wrapper = i == *command && i + 1 < argv.size();
      plan_.adaptations.push_back(wrapper ? adaptations::probe_as_container_init(name, argv[i])
                                          : adaptations::probe_as_stage_2(name, argv[i]));
    }
  }

  static fs::path probe_state_dir(const oracle::Argv& argv, const std::optional<std::string>& root) {
    if (const auto profile = nspawn_argv::bind_source(argv, "/nix/var/nix/profiles")) {
      return fs::path(*profile) / probe::state_dir_name;
    }
    return fs::path(root.value_or("/")) / probe::state_dir_name;
  }

  static probe::Plan probe_plan(const std::string& name, const oracle::ContainerPrediction& container,
                                const oracle::ProbeScript& script) {
    probe::Plan plan{name, {}, script, {}, false, {}};
    for (const auto& argv : container.containerOps.value_or(std::vector<oracle::Argv>{})) {
      if (argv == oracle::Argv{"stage-2-init"}) break;  // the probe itself is stage 2
      plan.operations.push_back(argv);
    }
    return plan;
  }

  // A script's command file (unit_scripts.hpp), if the module has the script: NixOS renders
  // it as an Exec line even when it runs nothing, and systemd then passes through its state.
  std::optional<std::string> add_script(const std::string& unit, const std::optional<unit_scripts::CommandList>& script) {
    if (!script) return std::nullopt;
    const auto& list = *script;
    const auto file = unit_scripts::command_file(unit, list.script);
    add_file(file, unit_scripts::to_json(list).dump(2));
    return file.string();
  }

  // One ctrlab-commands line running the given scripts in order, if there is any.
  void add_exec_line(const std::string& directive, const std::vector<std::optional<std::string>>& files,
                     std::vector<ExecLine>& lines) const {
    const auto tool = inputs_.commands_tool_inside.string();
    ExecLine line{directive, false, tool, {tool}};
    for (const auto& file : files) {
      if (file) line.argv.push_back(*file);
    }
    if (line.argv.size() > 1) lines.push_back(std::move(line));
  }

  // preStart and the start script's commands run before the nspawn argv (one ExecStartPre
  // line: a process less per start), which is the ExecStart line itself unless the revision
  // sets ExecStart; postStart after it.
  std::vector<ExecLine> exec_lines_of(const std::string& name, const oracle::ContainerPrediction& container,
                                      const std::string& unit) {
    using unit_scripts::Script;
    std::vector<ExecLine> lines;
    const auto& ops = container.hostOps;
    const auto none = std::vector<oracle::Argv>{};
    // The start script's commands before its `exec` of nspawn: only if there are any (its
    // Exec line is nspawn itself here).
    std::optional<unit_scripts::CommandList> start;
    for (const auto& argv : ops.start.value_or(none)) {
      if (argv == container.nspawnArgv) break;  // the script's final `exec`
      if (!start) start = unit_scripts::CommandList{Script::start, false, {}, std::nullopt};
      start->commands.push_back(argv);
    }
    const auto script_of = [&](Script script, bool ignore_failures, const std::optional<std::vector<oracle::Argv>>& commands) {
      if (!commands) return std::optional<unit_scripts::CommandList>();
      return std::optional(unit_scripts::CommandList{script, ignore_failures, *commands, syntax_error_of(container, script)});
    };
    const bool ignore_pre_start_failures = pre_start_ignores_failures(prediction_.revision);
    add_exec_line("ExecStartPre",
                  {add_script(unit, script_of(Script::pre_start, ignore_pre_start_failures, ops.preStart)), add_script(unit, start)},
                  lines);
    if (!container.unit.serviceConfig.contains("ExecStart")) {
      lines.push_back({"ExecStart", false, container.nspawnArgv.front(), container.nspawnArgv});
    }
    add_exec_line("ExecStartPost", {add_script(unit, script_of(Script::post_start, false, ops.postStart))}, lines);
    plan_.adaptations.push_back(adaptations::scripts_as_command_lists(name, inputs_.commands_tool_inside.string()));
    return lines;
  }

  const InstallationInputs& inputs_;
  const oracle::Prediction& prediction_;
  Installation plan_;
  std::vector<fs::path> directories_;
  std::set<fs::path> seen_directories_;
};

}  // namespace

Installation plan_installation(const InstallationInputs& inputs) { return Planner(inputs).plan(); }

}  // namespace ctrlab::runner
