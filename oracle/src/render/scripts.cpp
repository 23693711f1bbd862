// The unit's shell scripts (start, preStart, postStart) and the container's init, run the way
// bash runs them against recording stand-ins: every command they execute, in order, with
// the scripts' conditions evaluated and unquoted expansions word-split.
#include <string>

#include "render/render_context.hpp"
#include "render/words.hpp"
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

// Appends the start script's network flags to `flags` (the bash variable extraFlags).
void add_network_flags(const ModuleRevision& module, const shell::Environment& env, std::string& flags) {
  const auto add_ports = [&] {
    // for i in $HOST_PORT, with IFS=","
    for (const auto& port : shell::split_fields(env.get("HOST_PORT"), ",")) flags.append(" --port=").append(port);
  };
  const auto add_bridge = [&] {
    if (!env.get("HOST_BRIDGE").empty()) flags.append(" --network-bridge=").append(env.get("HOST_BRIDGE"));
  };
  if (module.vethCondition == VethCondition::private_network) {
    if (private_network(env)) {
      flags += " --network-veth";
      add_bridge();
      add_ports();
    }
    return;
  }
  if (module.privateNetworkFlag && private_network(env)) flags += " --private-network";
  if (any_address(env)) flags += " --network-veth";
  add_ports();
  add_bridge();
}

// concatStringsSep separator (cfg.additionalCapabilities ++ optional enableTun "CAP_NET_ADMIN")
std::string capability_words(const ContainerConfig& cfg, std::string_view separator) {
  std::string joined = join(cfg.additionalCapabilities, separator);
  if (cfg.enableTun) {
    if (!cfg.additionalCapabilities.empty()) joined += separator;
    joined += "CAP_NET_ADMIN";
  }
  return joined;
}

void append_setenv(Argv& argv, std::string_view name, std::string_view value) {
  argv.emplace_back("--setenv");
  argv.push_back(concat(name, "=", value));
}

// The host side of one extra veth in postStart (renderExtraVeth).
void post_start_extra_veth(const ModuleRevision& module, const std::string& name, const NetworkOptions& veth,
                           std::vector<Argv>& ops) {
  if (const std::string* bridge = value_of(veth.hostBridge)) {
    add_source_commands(ops, "ip link set dev " + name + " master " + *bridge + " up");
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

// The init's environment is what nspawn's --setenv options give it.
bool init_sets_up_eth0(const ModuleRevision& module, const shell::NspawnCommandLine& env) {
  if (module.vethCondition == VethCondition::private_network) return env.environment("PRIVATE_NETWORK") == "1";
  for (const char* name : {"HOST_ADDRESS", "HOST_ADDRESS6", "LOCAL_ADDRESS", "LOCAL_ADDRESS6", "HOST_BRIDGE"}) {
    if (!env.environment(name).empty()) return true;
  }
  return false;
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

}  // namespace

StartScriptRun run_start_script(const ScriptInput& input, std::string_view init_path) {
  const RenderContext& context = input.context;
  const ContainerConfig& cfg = input.cfg;
  const shell::Environment& env = input.env;
  const std::string_view root = input.root;
  const std::string_view instance = cfg.name;
  StartScriptRun run;
  run.ops.reserve(7);
  run.ops.push_back(argv_of("mkdir", "-p", "-m", "0755", concat(root, "/etc"), concat(root, "/var/lib")));
  run.ops.push_back(argv_of("mkdir", "-p", "-m", "0700", concat(root, "/var/lib/private"), concat(root, "/root"),
                            context.module.runDirectory));
  // The recording stand-ins create nothing, so the `[ -e ... ]` tests always fail.
  run.ops.push_back(argv_of("touch", concat(root, "/etc/os-release")));
  run.ops.push_back(argv_of("touch", concat(root, "/etc/machine-id")));
  run.ops.push_back(argv_of("mkdir", "-p", "-m", "0755", concat("/nix/var/nix/profiles/per-container/", instance),
                            concat("/nix/var/nix/gcroots/per-container/", instance)));
  run.ops.push_back(argv_of("cp", "--remove-destination", "/etc/resolv.conf", concat(root, "/etc/resolv.conf")));

  std::string extra_flags;
  extra_flags.reserve(256);
  add_network_flags(context.module, env, extra_flags);
  // extraFlags+=" ${concatStringsSep " " (mapAttrsToList nspawnExtraVethArgs cfg.extraVeths)}"
  extra_flags += ' ';
  bool first_veth = true;
  for (const auto& [name, veth] : *cfg.extraVeths) {
    if (!first_veth) extra_flags += ' ';
    first_veth = false;
    extra_flags.append("--network-veth-extra=").append(name.value);
  }
  for (const auto& iface : shell::split_fields(env.get("INTERFACES"))) extra_flags.append(" --network-interface=").append(iface);
  for (const auto& iface : shell::split_fields(env.get("MACVLANS"))) extra_flags.append(" --network-macvlan=").append(iface);

  Argv& argv = run.nspawnArgv;
  argv.reserve(40);
  argv.emplace_back(concat(context.systemdPath, "/bin/systemd-nspawn"));
  argv.emplace_back("--keep-unit");
  argv.emplace_back("-M");
  argv.emplace_back(instance);
  argv.emplace_back("-D");
  argv.emplace_back(root);
  append_fields(argv, extra_flags);
  append_fields(argv, env.get("EXTRA_NSPAWN_FLAGS"));
  argv.emplace_back("--notify-ready=yes");
  if (context.module.nspawnKillSignal) argv.emplace_back("--kill-signal=SIGRTMIN+3");
  argv.emplace_back("--bind-ro=/nix/store");
  argv.emplace_back("--bind-ro=/nix/var/nix/db");
  argv.emplace_back("--bind-ro=/nix/var/nix/daemon-socket");
  argv.push_back(concat("--bind=/nix/var/nix/profiles/per-container/", instance, ":/nix/var/nix/profiles"));
  argv.push_back(concat("--bind=/nix/var/nix/gcroots/per-container/", instance, ":/nix/var/nix/gcroots"));
  const bool ephemeral = context.module.ephemeralAndTimeout && cfg.ephemeral;
  if (!ephemeral) argv.emplace_back("--link-journal=try-guest");
  for (const char* name : {"PRIVATE_NETWORK", "HOST_BRIDGE", "HOST_ADDRESS", "LOCAL_ADDRESS", "HOST_ADDRESS6",
                           "LOCAL_ADDRESS6", "HOST_PORT"}) {
    append_setenv(argv, name, env.get(name));
  }
  append_setenv(argv, "PATH", context.unitSearchPath);
  if (ephemeral) argv.emplace_back("--ephemeral");
  if (!cfg.additionalCapabilities.empty() || cfg.enableTun) {
    append_source(argv, concat("--capability=\"", capability_words(cfg, context.module.capabilitySeparator), "\""));
  }
  if (!cfg.tmpfs.empty()) append_source(argv, "--tmpfs=" + join(cfg.tmpfs, " --tmpfs="));
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
  for (const auto& [name, veth] : *input.cfg.extraVeths) add_source_commands(ops, "ip link del dev " + name.value);
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
      append_fields(argv, env.get(variable));
      argv.emplace_back("dev");
      append_fields(argv, iface_host);
      ops.push_back(std::move(argv));
    };
    ipcall("ip addr", "HOST_ADDRESS", cfg.hostAddress);
    ipcall("ip -6 addr", "HOST_ADDRESS6", cfg.hostAddress6);
    ipcall("ip route", "LOCAL_ADDRESS", cfg.localAddress);
    ipcall("ip -6 route", "LOCAL_ADDRESS6", cfg.localAddress6);
  }
  if (!module.extraVethsNeedPrivateNetwork || veth) {
    for (const auto& [name, options] : *cfg.extraVeths) post_start_extra_veth(module, name.value, options, ops);
  }
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
  if (!module.extraVethsNeedPrivateNetwork || eth0) {
    for (const auto& [name, veth] : *input.cfg.extraVeths) init_extra_veth(name.value, veth, ops);
  }
  ops.push_back(argv_of("stage-2-init"));
  return ops;
}

}  // namespace ctrlab::oracle::render
