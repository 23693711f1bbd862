#include "render/module_revision.hpp"

#include <algorithm>
#include <array>

#include "nix/nix_version.hpp"
#include "render/module_text.hpp"
#include "render/render_context.hpp"

namespace ctrlab::oracle::render {
namespace {

constexpr std::array<std::string_view, slot::value_count> value_names = {
    "path",     "hostBridge",       "hostPort", "hostAddress",  "hostAddress6", "localAddress",   "localAddress6",
    "interfaces", "macvlans", "extraNspawnFlags", "name", "runtimeShell", "extraVeths", "nixosContainer"};
constexpr std::array<std::string_view, slot::condition_count> condition_names = {
    "privateNetwork",  "hasHostBridge",   "hasForwardPorts",  "hasHostAddress",
    "hasHostAddress6", "hasLocalAddress", "hasLocalAddress6", "autoStart"};

nix::IndentedString compile(std::string_view text) {
  return nix::IndentedString::compile(text, value_names, condition_names);
}

constexpr std::array<std::string_view, 3> options_2014 = {"config", "path", "root"};
constexpr std::array<std::string_view, 19> options_2018 = {
    "additionalCapabilities", "allowedDevices", "autoStart",     "bindMounts",   "config",
    "enableTun",              "extraFlags",     "extraVeths",    "forwardPorts", "hostAddress",
    "hostAddress6",           "hostBridge",     "interfaces",    "localAddress", "localAddress6",
    "macvlans",               "path",           "privateNetwork", "tmpfs"};
constexpr std::array<std::string_view, 23> options_2021 = {
    "additionalCapabilities", "allowedDevices", "autoStart",     "bindMounts",    "config",         "enableTun",
    "ephemeral",              "extraFlags",     "extraVeths",    "forwardPorts",  "hostAddress",    "hostAddress6",
    "hostBridge",             "interfaces",     "localAddress",  "localAddress6", "macvlans",       "nixpkgs",
    "path",                   "pkgs",           "privateNetwork", "timeoutStartSec", "tmpfs"};
// 2021's and copyResolvConf, flake, localMacAddress, networkNamespace, privateUsers,
// restartIfChanged, specialArgs (nixos-containers.nix at 00ef614e).
constexpr std::array<std::string_view, 30> options_2025 = {
    "additionalCapabilities", "allowedDevices", "autoStart",       "bindMounts",       "config",
    "copyResolvConf",         "enableTun",      "ephemeral",       "extraFlags",       "extraVeths",
    "flake",                  "forwardPorts",   "hostAddress",     "hostAddress6",     "hostBridge",
    "interfaces",             "localAddress",   "localAddress6",   "localMacAddress",  "macvlans",
    "networkNamespace",       "nixpkgs",        "path",            "pkgs",             "privateNetwork",
    "privateUsers",           "restartIfChanged", "specialArgs",   "timeoutStartSec",  "tmpfs"};

constexpr std::array<std::string_view, 6> network_options_2018 = {"forwardPorts", "hostAddress",  "hostAddress6",
                                                                  "hostBridge",   "localAddress", "localAddress6"};
constexpr std::array<std::string_view, 7> network_options_2025 = {
    "forwardPorts", "hostAddress", "hostAddress6", "hostBridge", "localAddress", "localAddress6", "localMacAddress"};

constexpr std::array<std::string_view, 1> unit_path_2018 = {"iproute"};
constexpr std::array<std::string_view, 1> unit_path_2021 = {"iproute2"};
constexpr std::array<std::string_view, 2> unit_path_2025 = {"iproute2", "nix"};  // config.nix.package

// The start script's `--setenv NAME=...`, in its order: what the container's init reads.
constexpr std::array<std::string_view, 7> init_environment_2018 = {
    "PRIVATE_NETWORK", "HOST_BRIDGE", "HOST_ADDRESS", "LOCAL_ADDRESS", "HOST_ADDRESS6", "LOCAL_ADDRESS6", "HOST_PORT"};
constexpr std::array<std::string_view, 9> init_environment_2025 = {
    "PRIVATE_NETWORK", "PRIVATE_USERS",  "HOST_BRIDGE",       "HOST_ADDRESS", "LOCAL_ADDRESS",
    "HOST_ADDRESS6",   "LOCAL_ADDRESS6", "LOCAL_MAC_ADDRESS", "HOST_PORT"};

struct Templates {
  nix::IndentedString envFile2018 = compile(module_text::env_file_2018);
  nix::IndentedString envFile2021 = compile(module_text::env_file_2021);
  nix::IndentedString init2018 = compile(module_text::container_init_2018);
  nix::IndentedString init2021 = compile(module_text::container_init_2021);
  nix::IndentedString initVeth2018 = compile(module_text::init_extra_veth_2018);
  nix::IndentedString initVeth2021 = compile(module_text::init_extra_veth_2021);
  nix::IndentedString reload2018 = compile(module_text::reload_container_2018);
  nix::IndentedString reload2021 = compile(module_text::reload_container_2021);
};

const Templates& templates() {
  static const Templates compiled;
  return compiled;
}

ModuleRevision make_2014() {
  ModuleRevision m{};
  m.revision = Revision::r2014;
  m.optionPrefix = "systemd.containers";
  m.options = options_2014;
  return m;
}

ModuleRevision make_2018() {
  ModuleRevision m{};
  m.revision = Revision::r2018;
  m.optionPrefix = "containers";
  m.options = options_2018;
  m.networkOptions = network_options_2018;
  m.unitPath = unit_path_2018;
  m.initEnvironment = init_environment_2018;
  m.tunAccess = "rw";
  m.killSignal = "WINCH";
  m.capabilitySeparator = " ";
  m.vethCondition = VethCondition::private_network;
  m.extraVethsNeedPrivateNetwork = true;
  m.templateMountsAsList = true;
  m.postStartRecordsLeader = true;
  m.personalityOf32BitProfile = true;
  m.runDirectory = "/run/containers";
  m.writeEnvFile = env_file_from_template;
  m.envFile = &templates().envFile2018;
  m.containerInit = &templates().init2018;
  m.initExtraVeth = &templates().initVeth2018;
  m.reloadContainer = &templates().reload2018;
  return m;
}

ModuleRevision make_2021() {
  ModuleRevision m{};
  m.revision = Revision::r2021;
  m.optionPrefix = "containers";
  m.options = options_2021;
  m.networkOptions = network_options_2018;
  m.unitPath = unit_path_2021;
  m.initEnvironment = init_environment_2018;
  m.tunAccess = "rw";
  m.killSignal = "TERM";
  m.nspawnKillSignal = true;
  m.capabilitySeparator = ",";
  m.vethCondition = VethCondition::any_address;
  m.privateNetworkFlag = true;
  m.hostBringsExtraVethUp = true;
  m.ephemeralAndTimeout = true;
  m.restartOnChange = true;
  m.assertsNameLength = true;
  m.removedPkgsOption = true;
  m.personalityOf32BitProfile = true;
  m.runDirectory = "/run/containers";
  m.ephemeralRunDirectory = "/run/containers";
  m.writeEnvFile = env_file_from_template;
  m.envFile = &templates().envFile2021;
  m.containerInit = &templates().init2021;
  m.initExtraVeth = &templates().initVeth2021;
  m.reloadContainer = &templates().reload2021;
  return m;
}

// 2022 is 2021 with the directories moved for stateVersion >= 22.05.
ModuleRevision make_2022() {
  ModuleRevision m = make_2021();
  m.revision = Revision::r2022;
  m.stateVersionDirectories = true;
  m.runDirectory = "/run/nixos-containers";
  m.ephemeralRunDirectory = "/run/nixos-containers";
  return m;
}

// The present module (NixOS 25.05 and later): nixpkgs nixos/modules/virtualisation/
// nixos-containers.nix at 00ef614eae7658e8c2d4ea0abbd476fa9d8065fc, 2022 with the differences
// below. The options it adds render where they are declared (ModuleRevision::declares); the
// env file is its own (render/env_file_2025.cpp).
ModuleRevision make_2025() {
  ModuleRevision m = make_2022();
  m.revision = Revision::r2025;
  m.options = options_2025;
  m.networkOptions = network_options_2025;
  m.unitPath = unit_path_2025;
  m.initEnvironment = init_environment_2025;
  m.startFlags = StartFlags::array;
  m.nixBinds = NixBinds::with_destination;
  m.startMakesUsrBin = true;
  m.startChmodsAfterMkdir = true;
  m.extraNspawnFlagsLast = true;
  m.postStartQuotes = true;
  m.tunAccess = "rwm";
  m.strictShellChecks = true;
  m.requiresBindMounts = true;
  m.waitsForInterfaces = true;
  m.assertsNameHasNoUnderscore = true;
  m.portsAreU16 = true;
  m.writeEnvFile = env_file_2025;
  m.envFile = nullptr;
  m.containerInitChange = "2025: eth0 is set up for LOCAL_MAC_ADDRESS too, and given that MAC first";
  return m;
}

}  // namespace

bool ModuleRevision::declares(std::string_view option) const {
  return std::binary_search(options.begin(), options.end(), option);  // the lists are sorted
}

bool ModuleRevision::declares_network_option(std::string_view option) const {
  return std::binary_search(networkOptions.begin(), networkOptions.end(), option);
}

const ModuleRevision& module_revision(Revision revision) {
  static const std::array<ModuleRevision, 5> revisions = {make_2014(), make_2018(), make_2021(), make_2022(),
                                                          make_2025()};
  return revisions[static_cast<std::size_t>(revision)];
}

Directories directories(const ModuleRevision& module, const HostFacts& host) {
  const bool prefixed = module.stateVersionDirectories && nix::version_at_least(host.stateVersion, "22.05");
  const std::string name = prefixed ? "nixos-containers" : "containers";
  return {name, "/var/lib/" + name};
}

}  // namespace ctrlab::oracle::render
