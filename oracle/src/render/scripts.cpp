// The unit's shell scripts (start, preStart, postStart) and the container's init, run the way
// bash runs them against recording stand-ins: every command they execute, in order, with
// the scripts' conditions evaluated and unquoted expansions word-split.
#include <string>

#include "render/render_context.hpp"
#include "render/script_reading.hpp"
#include "render/script_source.hpp"
#include "render/words.hpp"
#include "scenario/json_node.hpp"
#include "shell/shell_words.hpp"

namespace ctrlab::oracle::render {
namespace {

bool any_address(const shell::Environment& env) {
  return !env.get("HOST_ADDRESS").empty() || !env.get("LOCAL_ADDRESS").empty() || !env.get("HOST_ADDRESS6").empty() ||
         !env.get("LOCAL_ADDRESS6").empty();
}

bool private_network(const shell::Environment& env) { return env.get("PRIVATE_NETWORK") == "1"; }

// The condition under which preStart and postStart handle the container's veth pair.
bool sets_up_veth(const ModuleRevision& module, const shell::Environment& env) {
  return module.vethCondition == VethCondition::private_network ? private_network(env) : any_address(env);
}

// An unquoted expansion: its fields become separate words.
void append_fields(Argv& argv, std::string_view value) { shell::append_fields(argv, value); }

// Script source that a Nix interpolation became part of: bash reads its words.
void append_source(Argv& argv, std::string_view source) {
  for (auto& word : shell::source_words(source).words) argv.push_back(std::move(word));
}

// Script source a value became part of: one command, or more where the value holds a newline.
void add_source_commands(std::vector<Argv>& ops, std::string_view source) {
  for (auto& command : shell::source_commands(source)) ops.push_back(std::move(command));
}

// The start script's variable extraFlags: a string that is split at white space where it is
// expanded (2018-2022), or an array whose every element stays one word (2025).
class StartFlagWords {
 public:
  explicit StartFlagWords(StartFlags kind) : kind_(kind) {}

  void add(std::string_view flag) {
    if (kind_ == StartFlags::array) {
      words_.emplace_back(flag);
    } else {
      text_ += ' ';
      text_ += flag;
    }
  }

  // `$extraFlags` or `"${extraFlags[@]}"`.
  void expand_into(Argv& argv) const {
    if (kind_ == StartFlags::array) argv.insert(argv.end(), words_.begin(), words_.end());
    else append_fields(argv, text_);
  }

 private:
  StartFlags kind_;
  std::string text_;
  std::vector<std::string> words_;
};

// The start script's --network-veth condition: an address, or (2025) a MAC for the container.
bool start_adds_veth(const ModuleRevision& module, const shell::Environment& env) {
  return any_address(env) || (module.declares("localMacAddress") && !env.get("LOCAL_MAC_ADDRESS").empty());
}

// The start script's test for idmapped /nix binds (2025): [[ $PRIVATE_USERS = pick ||
// ($PRIVATE_USERS =~ ^[[:digit:]]+$ && $PRIVATE_USERS -gt 0) ]].
bool idmaps_nix_binds(std::string_view private_users) {
  if (private_users == "pick") return true;
  const bool digits = !private_users.empty() &&
                      private_users.find_first_not_of("0123456789") == std::string_view::npos;
  return digits && private_users.find_first_not_of('0') != std::string_view::npos;
}

// Adds the start script's network and user-namespace flags to `flags`.
void add_network_flags(const ModuleRevision& module, const shell::Environment& env, StartFlagWords& flags) {
  const auto add_ports = [&] {
    // for i in $HOST_PORT, with IFS=","
    for (const auto& port : shell::split_fields(env.get("HOST_PORT"), ",")) flags.add("--port=" + port);
  };
  const auto add_bridge = [&] {
    if (!env.get("HOST_BRIDGE").empty()) flags.add(concat("--network-bridge=", env.get("HOST_BRIDGE")));
  };
  if (module.vethCondition == VethCondition::private_network) {
    if (private_network(env)) {
      flags.add("--network-veth");
      add_bridge();
      add_ports();
    }
    return;
  }
  if (module.privateNetworkFlag && private_network(env)) flags.add("--private-network");
  if (module.declares("privateUsers") && !env.get("PRIVATE_USERS").empty()) {
    flags.add(concat("--private-users=", env.get("PRIVATE_USERS")));
  }
  if (start_adds_veth(module, env)) flags.add("--network-veth");
  add_ports();
  add_bridge();
  if (module.declares("networkNamespace") && !env.get("NETWORK_NAMESPACE_PATH").empty()) {
    flags.add(concat("--network-namespace-path=", env.get("NETWORK_NAMESPACE_PATH")));
  }
}

// The binds of /nix into the container: 2025 names their destinations, and idmaps them for a
// user namespace (the start script's NIX_BIND_OPT, expanded unquoted).
void append_nix_binds(const ModuleRevision& module, const shell::Environment& env, std::string_view instance,
                      Argv& argv) {
  const bool named = module.nixBinds == NixBinds::with_destination;
  const bool idmapped = named && module.declares("privateUsers") && idmaps_nix_binds(env.get("PRIVATE_USERS"));
  const std::string_view option = idmapped ? ":idmap" : "";
  for (const std::string_view path : {"/nix/store", "/nix/var/nix/db", "/nix/var/nix/daemon-socket"}) {
    argv.push_back(named ? concat("--bind-ro=", path, ":", path, option) : concat("--bind-ro=", path));
  }
  argv.push_back(concat("--bind=/nix/var/nix/profiles/per-container/", instance, ":/nix/var/nix/profiles", option));
  argv.push_back(concat("--bind=/nix/var/nix/gcroots/per-container/", instance, ":/nix/var/nix/gcroots", option));
}

// The JSON path of an option of the container, e.g. containers.web.tmpfs.
std::string option_path(const ContainerConfig& cfg, std::string_view option) {
  return scenario::child_path(scenario::child_path("containers", cfg.name), option);
}

std::string extra_veth_path(const ContainerConfig& cfg, const std::string& name) {
  return scenario::child_path(option_path(cfg, "extraVeths"), name);
}

// Runs the extra veths' parts of a script as bash reads them: each read just before it runs
// where they are top-level commands, or all read with the block that holds them (2018's
// `if [ "$PRIVATE_NETWORK" = 1 ]`, begun at `block_start` in `ops`) before any of it runs,
// whatever its condition. `run` adds one veth's commands. False when bash stopped.
template <class Source, class Run>
bool run_extra_veth_parts(const ContainerConfig& cfg, ScriptReading& reading, std::optional<std::size_t> block_start,
                          std::vector<Argv>& ops, const Source& source_of, const Run& run) {
  const auto reads = [&](const std::string& name, const NetworkOptions& veth) {
    return reading.reads(source_of(name, veth), extra_veth_path(cfg, name));
  };
  if (block_start) {
    for (const auto& [name, veth] : *cfg.extraVeths) {
      if (reads(name.value, veth)) continue;
      ops.resize(*block_start);
      return false;
    }
  }
  for (const auto& [name, veth] : *cfg.extraVeths) {
    if (!block_start && !reads(name.value, veth)) return false;
    run(name.value, veth);
  }
  return true;
}

void append_setenv(Argv& argv, std::string_view name, std::string_view value) {
  argv.emplace_back("--setenv");
  argv.push_back(concat(name, "=", value));
}

// The host side of one extra veth in postStart (renderExtraVeth); 2025 writes the name and the
// bridge in double quotes.
void post_start_extra_veth(const ModuleRevision& module, const std::string& veth_name, const NetworkOptions& veth,
                           std::vector<Argv>& ops) {
  const auto source = [&](const std::string& text) {
    return module.postStartQuotes ? "\"" + text + "\"" : text;
  };
  const std::string name = source(veth_name);
  if (const std::string* bridge = value_of(veth.hostBridge)) {
    add_source_commands(ops, "ip link set dev " + name + " master " + source(*bridge) + " up");
    return;
  }
  if (module.hostBringsExtraVethUp) add_source_commands(ops, "ip link set dev " + name + " up");
  if (const auto* a = value_of(veth.hostAddress)) add_source_commands(ops, "ip addr add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.hostAddress6)) add_source_commands(ops, "ip -6 addr add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.localAddress)) add_source_commands(ops, "ip route add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.localAddress6)) add_source_commands(ops, "ip -6 route add " + *a + " dev " + name);
}

// The container side of one extra veth in the init (renderExtraVeth).
void init_extra_veth(const std::string& name, const NetworkOptions& veth, std::vector<Argv>& ops) {
  add_source_commands(ops, "ip link set dev " + name + " up");
  if (const auto* a = value_of(veth.localAddress)) add_source_commands(ops, "ip addr add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.localAddress6)) add_source_commands(ops, "ip -6 addr add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.hostAddress)) add_source_commands(ops, "ip route add " + *a + " dev " + name);
  if (const auto* a = value_of(veth.hostAddress6)) add_source_commands(ops, "ip -6 route add " + *a + " dev " + name);
}

// The init's environment is what nspawn's --setenv options give it. 2025's init sets eth0 up
// for a MAC alone too.
bool init_sets_up_eth0(const ModuleRevision& module, const shell::NspawnCommandLine& env) {
  if (module.vethCondition == VethCondition::private_network) return env.environment("PRIVATE_NETWORK") == "1";
  for (const char* name : {"HOST_ADDRESS", "HOST_ADDRESS6", "LOCAL_ADDRESS", "LOCAL_ADDRESS6", "HOST_BRIDGE"}) {
    if (!env.environment(name).empty()) return true;
  }
  return module.declares("localMacAddress") && !env.environment("LOCAL_MAC_ADDRESS").empty();
}

// `COMMAND $VALUE dev eth0` and friends: the value unquoted, so word-split.
Argv init_command(std::initializer_list<std::string_view> head, std::string_view value,
                  std::initializer_list<std::string_view> tail) {
  Argv argv;
  argv.reserve(head.size() + tail.size() + 1);
  argv.insert(argv.end(), head.begin(), head.end());
  append_fields(argv, value);
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

// `[ "$(< ${SYSTEM_PATH:-/nix/var/nix/profiles/per-container/$INSTANCE/system}/system)" =
// i686-linux ]`, written into the script only for an x86_64-linux host. The command
// substitution drops the file's trailing newlines.
bool runs_with_32_bit_personality(const RenderContext& context, std::string_view profile_system) {
  if (!start_script_reads_platform(context)) return false;
  while (profile_system.ends_with('\n')) profile_system.remove_suffix(1);
  return profile_system == "i686-linux";
}

}  // namespace

bool start_script_reads_platform(const RenderContext& context) {
  return context.module.personalityOf32BitProfile && context.host.system == "x86_64-linux";
}

// The directories the start script makes: `mkdir -p -m MODE DIRS`, or (2025) `mkdir -p DIRS`
// and then `chmod MODE DIRS`.
void make_directories(const ModuleRevision& module, std::string_view mode, const Argv& directories,
                      std::vector<Argv>& ops) {
  Argv mkdir = argv_of("mkdir", "-p");
  if (!module.startChmodsAfterMkdir) mkdir.insert(mkdir.end(), {"-m", std::string(mode)});
  mkdir.insert(mkdir.end(), directories.begin(), directories.end());
  ops.push_back(std::move(mkdir));
  if (!module.startChmodsAfterMkdir) return;
  Argv chmod = argv_of("chmod", mode);
  chmod.insert(chmod.end(), directories.begin(), directories.end());
  ops.push_back(std::move(chmod));
}

StartScriptRun run_start_script(const ScriptInput& input, std::string_view init_path) {
  const RenderContext& context = input.context;
  const ModuleRevision& module = context.module;
  const ContainerConfig& cfg = input.cfg;
  const shell::Environment& env = input.env;
  const std::string_view root = input.root;
  const std::string_view instance = cfg.name;
  StartScriptRun run;
  run.ops.reserve(12);
  if (module.startMakesUsrBin) run.ops.push_back(argv_of("mkdir", "-p", concat(root, "/usr/bin")));
  make_directories(module, "0755", argv_of(concat(root, "/etc"), concat(root, "/var/lib")), run.ops);
  make_directories(module, "0700",
                   argv_of(concat(root, "/var/lib/private"), concat(root, "/root"), std::string(module.runDirectory)),
                   run.ops);
  // The recording stand-ins create nothing, so the `[ -e ... ]` tests always fail.
  run.ops.push_back(argv_of("touch", concat(root, "/etc/os-release")));
  run.ops.push_back(argv_of("touch", concat(root, "/etc/machine-id")));
  make_directories(module, "0755",
                   argv_of(concat("/nix/var/nix/profiles/per-container/", instance),
                           concat("/nix/var/nix/gcroots/per-container/", instance)),
                   run.ops);
  if (!module.declares("copyResolvConf") || env.get("COPY_RESOLV_CONF") == "1") {
    run.ops.push_back(argv_of("cp", "--remove-destination", "/etc/resolv.conf", concat(root, "/etc/resolv.conf")));
  }
  // A flake's first start: `nixos-container update` builds the container's profile (the
  // profile's `system` does not exist for the stand-ins). The ground truth records the command
  // by its name, as it records the others.
  if (module.declares("flake") && !env.get("FLAKE").empty()) run.ops.push_back(argv_of("nixos-container", "update", instance));

  // bash stops before `exec` where it cannot read the extra veths' flags or the exec itself.
  ScriptReading reading(UnitScript::start, input.syntaxErrors);
  if (!reading.reads(start_extra_veth_flags_source(cfg), option_path(cfg, "extraVeths")) ||
      !reading.reads(start_exec_capability_source(module, cfg), option_path(cfg, "additionalCapabilities")) ||
      !reading.reads(start_exec_tmpfs_source(cfg), option_path(cfg, "tmpfs"))) {
    return run;
  }

  StartFlagWords flags(module.startFlags);
  add_network_flags(module, env, flags);
  for (const auto& [name, veth] : *cfg.extraVeths) flags.add(concat("--network-veth-extra=", name.value));
  for (const auto& iface : shell::split_fields(env.get("INTERFACES"))) flags.add(concat("--network-interface=", iface));
  for (const auto& iface : shell::split_fields(env.get("MACVLANS"))) flags.add(concat("--network-macvlan=", iface));
  if (runs_with_32_bit_personality(context, input.profileSystem)) flags.add("--personality=x86");

  Argv& argv = run.nspawnArgv;
  argv.reserve(48);
  argv.emplace_back(concat(context.systemdPath, "/bin/systemd-nspawn"));
  argv.emplace_back("--keep-unit");
  argv.emplace_back("-M");
  argv.emplace_back(instance);
  argv.emplace_back("-D");
  argv.emplace_back(root);
  flags.expand_into(argv);
  if (!module.extraNspawnFlagsLast) append_fields(argv, env.get("EXTRA_NSPAWN_FLAGS"));
  argv.emplace_back("--notify-ready=yes");
  if (module.nspawnKillSignal) argv.emplace_back("--kill-signal=SIGRTMIN+3");
  append_nix_binds(module, env, instance, argv);
  const bool ephemeral = module.ephemeralAndTimeout && cfg.ephemeral;
  if (!ephemeral) argv.emplace_back("--link-journal=try-guest");
  for (const std::string_view name : module.initEnvironment) append_setenv(argv, name, env.get(name));
  append_setenv(argv, "PATH", context.unitSearchPath);
  if (ephemeral) argv.emplace_back("--ephemeral");
  if (!cfg.additionalCapabilities.empty() || cfg.enableTun) {
    append_source(argv, concat("--capability=\"", capability_words(cfg, module.capabilitySeparator), "\""));
  }
  if (!cfg.tmpfs.empty()) append_source(argv, "--tmpfs=" + join(cfg.tmpfs, " --tmpfs="));
  if (module.extraNspawnFlagsLast) append_fields(argv, env.get("EXTRA_NSPAWN_FLAGS"));
  argv.emplace_back(init_path);
  const std::string_view system_path = env.get("SYSTEM_PATH");
  argv.push_back(concat(system_path.empty() ? "/nix/var/nix/profiles/system" : system_path, "/init"));
  run.ops.push_back(argv);
  return run;
}

std::vector<Argv> run_pre_start(const ScriptInput& input) {
  const std::string_view instance = input.cfg.name;
  std::vector<Argv> ops;
  ops.reserve(3 + input.cfg.extraVeths->size());
  ops.push_back(argv_of("machinectl", "terminate", instance));
  if (sets_up_veth(input.context.module, input.env)) {
    ops.push_back(argv_of("ip", "link", "del", "dev", concat("ve-", instance)));
    ops.push_back(argv_of("ip", "link", "del", "dev", concat("vb-", instance)));
  }
  ScriptReading reading(UnitScript::pre_start, input.syntaxErrors);
  (void)run_extra_veth_parts(input.cfg, reading, std::nullopt, ops, [](const std::string& name, const NetworkOptions&) {
    return pre_start_extra_veth_source(name);
  }, [&](const std::string& name, const NetworkOptions&) { add_source_commands(ops, "ip link del dev " + name); });
  return ops;
}

std::vector<Argv> run_post_start(const ScriptInput& input) {
  const ModuleRevision& module = input.context.module;
  const ContainerConfig& cfg = input.cfg;
  const shell::Environment& env = input.env;
  const std::string_view instance = cfg.name;
  std::vector<Argv> ops;
  ops.reserve(6);
  const bool veth = sets_up_veth(module, env);
  if (veth && env.get("HOST_BRIDGE").empty()) {
    const std::string iface_host = concat("ve-", instance);
    Argv link_up = {"ip", "link", "set", "dev"};
    append_fields(link_up, iface_host);
    link_up.emplace_back("up");
    ops.push_back(std::move(link_up));
    // ipcall: the option's value is written into the script, else the variable is tested.
    const auto ipcall = [&](std::string_view command, std::string_view variable, const std::string* value) {
      if (value != nullptr) {
        // The value is script source; $ifaceHost stays an expansion, of the last command.
        add_source_commands(ops, concat(command, " add ", *value, " dev "));
        append_fields(ops.back(), iface_host);
        return;
      }
      if (env.get(variable).empty()) return;
      Argv argv;
      append_source(argv, command);
      argv.emplace_back("add");
      if (module.postStartQuotes) argv.emplace_back(env.get(variable));
      else append_fields(argv, env.get(variable));
      argv.emplace_back("dev");
      append_fields(argv, iface_host);
      ops.push_back(std::move(argv));
    };
    ipcall("ip addr", "HOST_ADDRESS", cfg.hostAddress);
    ipcall("ip -6 addr", "HOST_ADDRESS6", cfg.hostAddress6);
    ipcall("ip route", "LOCAL_ADDRESS", cfg.localAddress);
    ipcall("ip -6 route", "LOCAL_ADDRESS6", cfg.localAddress6);
  }
  ScriptReading reading(UnitScript::post_start, input.syntaxErrors);
  const bool read = run_extra_veth_parts(
      cfg, reading, module.extraVethsNeedPrivateNetwork ? std::optional<std::size_t>(0) : std::nullopt, ops,
      [&](const std::string& name, const NetworkOptions& options) { return post_start_extra_veth_source(module, name, options); },
      [&](const std::string& name, const NetworkOptions& options) {
        if (!module.extraVethsNeedPrivateNetwork || veth) post_start_extra_veth(module, name, options, ops);
      });
  if (!read) return ops;
  if (module.postStartRecordsLeader) ops.push_back(argv_of("machinectl", "show", instance));
  return ops;
}

// 2018: the leader PID postStart saved is sent SIGRTMIN+4 (KillSignal is the ignored WINCH).
std::optional<std::vector<Argv>> run_pre_stop(const ScriptInput& input) {
  if (!input.context.module.postStartRecordsLeader) return std::nullopt;
  const std::string pid_file = concat("/run/containers/", input.cfg.name, ".pid");
  return std::vector<Argv>{argv_of("cat", pid_file), argv_of("kill", "-RTMIN+4", "$pid"), argv_of("rm", "-f", pid_file)};
}

std::optional<std::vector<Argv>> run_container_init(const ScriptInput& input, const Argv& nspawn_argv,
                                                    std::string_view init_path) {
  const shell::NspawnCommandLine line = shell::read_nspawn_command_line(nspawn_argv);
  const auto json_path = [&] { return concat("containers.", input.cfg.name); };
  if (line.problem) {
    input.notes.push_back({json_path(), "systemd-nspawn would refuse its arguments (" + *line.problem +
                                          "), so the container's init would not run"});
    return std::nullopt;
  }
  if (!line.commandIndex || nspawn_argv[*line.commandIndex] != init_path) {
    const std::string command = line.commandIndex ? nspawn_argv[*line.commandIndex] : std::string("(none)");
    input.notes.push_back({json_path(), "systemd-nspawn would run `" + command +
                                          "` as the container's command instead of the container init: "
                                          "word splitting turned a stray word into nspawn's command"});
    return std::nullopt;
  }
  const ModuleRevision& module = input.context.module;
  const shell::NspawnCommandLine& env = line;
  std::vector<Argv> ops;
  ops.reserve(8);
  const bool eth0 = init_sets_up_eth0(module, env);
  if (eth0) {
    ops.push_back(argv_of("ip", "link", "set", "host0", "name", "eth0"));
    // 2025: `ip link set dev eth0 address "$LOCAL_MAC_ADDRESS"`, before eth0 goes up.
    if (const auto mac = env.environment("LOCAL_MAC_ADDRESS"); module.declares("localMacAddress") && !mac.empty()) {
      ops.push_back(argv_of("ip", "link", "set", "dev", "eth0", "address", mac));
    }
    ops.push_back(argv_of("ip", "link", "set", "dev", "eth0", "up"));
    if (const auto value = env.environment("LOCAL_ADDRESS"); !value.empty()) {
      ops.push_back(init_command({"ip", "addr", "add"}, value, {"dev", "eth0"}));
    }
    if (const auto value = env.environment("LOCAL_ADDRESS6"); !value.empty()) {
      ops.push_back(init_command({"ip", "-6", "addr", "add"}, value, {"dev", "eth0"}));
    }
    if (const auto value = env.environment("HOST_ADDRESS"); !value.empty()) {
      ops.push_back(init_command({"ip", "route", "add"}, value, {"dev", "eth0"}));
      ops.push_back(init_command({"ip", "route", "add", "default", "via"}, value, {}));
    }
    if (const auto value = env.environment("HOST_ADDRESS6"); !value.empty()) {
      ops.push_back(init_command({"ip", "-6", "route", "add"}, value, {"dev", "eth0"}));
      ops.push_back(init_command({"ip", "-6", "route", "add", "default", "via"}, value, {}));
    }
  }
  ScriptReading reading(UnitScript::container_init, input.syntaxErrors);
  const bool read = run_extra_veth_parts(
      input.cfg, reading, module.extraVethsNeedPrivateNetwork ? std::optional<std::size_t>(0) : std::nullopt, ops,
      init_extra_veth_source, [&](const std::string& name, const NetworkOptions& veth) {
        if (!module.extraVethsNeedPrivateNetwork || eth0) init_extra_veth(name, veth, ops);
      });
  if (read) ops.push_back(argv_of("stage-2-init"));
  return ops;
}

}  // namespace ctrlab::oracle::render
